"""The templates file (``MICROCOURT_TEMPLATES_FILE``, contract §5), loaded and checked once.

```toml
[oa.progress]
template_id = "OA_TPL_PROGRESS"
fields = { thing1 = "case_no", thing2 = "node_name", time3 = "occurred_at", thing4 = "summary" }
```

``progress`` is required for each configured app (OA when ``MICROCOURT_WECHAT_OA_APPID`` is
set, MP when ``…_MP_APPID`` is); other kinds (``funds``, ``objection``) are used when
present. Every problem (unknown variable, a variable that cannot fit its field's type, a
missing ``progress``) is collected and raised together as :class:`TemplatesError`, which
the web app and the worker turn into a start-up failure.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from config.settings import Settings
from notifiers.fields import mapping_problem

APPS = ("oa", "mp")
DEMO_FILE = Path(__file__).resolve().parents[1] / "config" / "templates.demo.toml"


class TemplatesError(ValueError):
    """The templates file cannot serve messages; the message lists every problem."""


@dataclass(frozen=True)
class Template:
    app: str
    kind: str
    template_id: str
    fields: dict[str, str]


@dataclass(frozen=True)
class Templates:
    by_app: dict[str, dict[str, Template]]

    def has_app(self, app: str) -> bool:
        return "progress" in self.by_app.get(app, {})

    def for_kind(self, app: str, kind: str) -> Template:
        """The template for this kind, or the app's ``progress`` template."""
        kinds = self.by_app[app]
        return kinds.get(kind) or kinds["progress"]


def parse_templates(text: str, *, apps_required: tuple[str, ...], source: str) -> Templates:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplatesError(f"{source}: not valid TOML: {exc}") from None
    problems: list[str] = []
    by_app: dict[str, dict[str, Template]] = {}
    for app, kinds in raw.items():
        if app not in APPS or not isinstance(kinds, dict):
            problems.append(f"[{app}]: unknown section (expected oa or mp)")
            continue
        for kind, spec in kinds.items():
            where = f"[{app}.{kind}]"
            if not isinstance(spec, dict):
                problems.append(f"{where}: expected a table")
                continue
            template_id = spec.get("template_id")
            fields = spec.get("fields")
            if not isinstance(template_id, str) or not template_id.strip():
                problems.append(f"{where}: template_id missing")
            if not isinstance(fields, dict) or not fields:
                problems.append(f"{where}: fields missing")
                continue
            for key, variable in fields.items():
                if not isinstance(variable, str):
                    problems.append(f"{where} {key}: expected a variable name")
                elif problem := mapping_problem(kind, key, variable, strict=app == "mp"):
                    problems.append(f"{where} {problem}")
            if isinstance(template_id, str):
                by_app.setdefault(app, {})[kind] = Template(
                    app, kind, template_id.strip(), {str(k): str(v) for k, v in fields.items()}
                )
    for app in apps_required:
        if "progress" not in by_app.get(app, {}):
            problems.append(f"[{app}.progress]: required because the {app.upper()} is configured")
    if problems:
        raise TemplatesError(f"{source}: " + "; ".join(problems))
    return Templates(by_app)


def load_templates(settings: Settings) -> Templates:
    """The configured templates, checked. Without a file: the demo file when no WeChat app
    is configured (local runs), else an error naming the variable to set."""
    required = tuple(
        app
        for app, appid in (("oa", settings.wechat_oa_appid), ("mp", settings.wechat_mp_appid))
        if appid
    )
    path = settings.templates_file
    if path is None:
        if required:
            raise TemplatesError(
                "MICROCOURT_TEMPLATES_FILE must be set when a WeChat app id is configured"
            )
        path = DEMO_FILE
    return parse_templates(
        path.read_text(encoding="utf-8"), apps_required=required, source=str(path)
    )
