"""Small server-rendered HTML pages for people: the inbox pages and the authorize page.

A newcomer running the demo opens ``/_sandbox/`` and reads, in Chinese, what reached
each party. The pages use no JavaScript and no external assets: they must work offline
and on a phone. The inboxes reload every few seconds with a meta refresh, which
``?refresh=0`` turns off.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

__all__ = ["card", "escape", "field_rows", "page"]

_STYLE = """
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;
background:#ededed;color:#191919}
header{background:#2e2e2e;color:#fff;padding:12px 16px}
header h1{font-size:18px;margin:0}header p{margin:4px 0 0;font-size:13px;color:#ccc}
main{max-width:720px;margin:0 auto;padding:12px}
.card{background:#fff;border-radius:8px;padding:12px 16px;margin:0 0 12px}
.card h2{font-size:16px;margin:0 0 4px}.meta{color:#888;font-size:12px;margin:0 0 8px}
table{border-collapse:collapse;width:100%}td{padding:3px 0;vertical-align:top;font-size:14px}
td.k{color:#888;width:8em;padding-right:8px}.tag{display:inline-block;font-size:12px;
border-radius:3px;padding:0 4px;margin-right:4px;background:#e7f7ee;color:#07c160}
.warn{background:#fff3e0;color:#e67700}.bad{background:#fdecea;color:#d93025}
.empty{color:#888;text-align:center;padding:40px 0}a{color:#576b95}
form label{display:block;padding:6px 0}button{background:#07c160;color:#fff;border:0;
border-radius:4px;padding:8px 24px;font-size:16px;margin:8px 8px 0 0}
button.secondary{background:#f2f2f2;color:#191919}input[type=text]{width:100%;padding:6px}
"""


def page(title: str, subtitle: str, body: str, refresh_seconds: int = 0) -> str:
    """A whole HTML document. ``title`` and ``subtitle`` are escaped; ``body`` is HTML."""
    refresh = f'<meta http-equiv="refresh" content="{refresh_seconds}">' if refresh_seconds else ""
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{refresh}<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header>"
        f"<main>{body}</main></body></html>"
    )


def field_rows(rows: Iterable[tuple[str, str]]) -> str:
    """``<table>`` rows of label → value; both are escaped."""
    cells = "".join(
        f'<tr><td class="k">{escape(label)}</td><td>{escape(value)}</td></tr>'
        for label, value in rows
    )
    return f"<table>{cells}</table>"


def card(heading: str, meta: str, inner_html: str, tags: Iterable[tuple[str, str]] = ()) -> str:
    """One message card. ``tags`` are (text, css class) pairs shown after the heading."""
    tag_html = "".join(f'<span class="tag {cls}">{escape(text)}</span>' for text, cls in tags)
    return (
        f'<section class="card"><h2>{escape(heading)}</h2>'
        f'<p class="meta">{tag_html}{escape(meta)}</p>{inner_html}</section>'
    )
