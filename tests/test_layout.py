"""The layout the architecture promises (docs/architecture.md, "Packages"), checked by walking
the source with ``ast``: no import cycle between modules, no cycle between the top-level
packages (``config`` ← ``service`` ← ``notifiers``, ``disclosure`` ← ``sandbox``) except through
the composition roots, no import inside a function unless it is listed below with its reason,
and the database dialect is asked only in ``service/db.py`` and the repository modules.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = [
    p for p in ("config", "service", "notifiers", "disclosure", "sandbox") if (ROOT / p).is_dir()
]

# Modules that assemble the whole system: they may import any component.
COMPOSITION_ROOTS = {"service.app", "service.cli", "notifiers.worker"}
# The staff console is a front end over every package, as the app that mounts it is: its
# pages call the notifiers' and the disclosures' service functions (docs/console.md).
COMPOSITION_ROOT_PACKAGES = ("service.console.",)

# Modules whose functions may import first-party modules, with why. Keep it short: an import
# inside a function that only dodges a cycle does not belong here; the cycle is fixed instead.
LAZY_IMPORTERS: dict[str, str] = {
    "service.cli": "start-up time: each command imports what it runs (`microcourt migrate` "
    "loads neither uvicorn nor arq nor the app)",
}

# The dialect is asked in one place (service/db.py) and SQL lives in repository modules.
DIALECT_WORDS = ("_init_from_db", "._pool", "asyncpg_pool", "is_postgres", "capabilities.dialect")


@dataclass(frozen=True)
class Import:
    source: str  # importing module
    target: str  # imported first-party module
    line: int
    in_function: bool


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.relative_to(ROOT).parts:
                continue
            found[_module_name(path)] = path
    return found


def _resolve(name: str) -> str | None:
    """The first-party module ``name`` loads: itself, or the longest module prefix."""
    known = modules()
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def _is_package(module: str) -> bool:
    return modules()[module].name == "__init__.py"


class _Walker(ast.NodeVisitor):
    def __init__(self, module: str) -> None:
        self.module = module
        self.depth = 0
        self.found: list[Import] = []

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def _add(self, name: str, line: int) -> None:
        target = _resolve(name)
        if target is not None and target != self.module:
            self.found.append(Import(self.module, target, line, self.depth > 0))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            package = self.module if _is_package(self.module) else self.module.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}" if base else package
        for alias in node.names:
            # ``from a import b``: b is a module of package a, or a name defined in a
            self._add(
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules() else base, node.lineno
            )


@cache
def imports() -> tuple[Import, ...]:
    found: list[Import] = []
    for module, path in modules().items():
        walker = _Walker(module)
        walker.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        found.extend(walker.found)
    return tuple(found)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The cycles to show for each strongly connected component of more than one node
    (Tarjan): the shortest cycle through each of its members, so every edge to cut is seen."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    cycles: list[list[str]] = []
    for members in components:
        seen: set[tuple[str, ...]] = set()
        for node in members:  # the shortest cycle through each member, each shown once
            cycle = _path(graph, set(members), node)
            turn = cycle.index(min(cycle[:-1]))
            key = tuple(cycle[turn:-1] + cycle[:turn])
            if key not in seen:
                seen.add(key)
                cycles.append(cycle)
    return cycles


def _path(graph: dict[str, set[str]], members: set[str], start: str) -> list[str]:
    """A shortest cycle from ``start`` back to itself inside one component (BFS)."""
    previous: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for nxt in sorted(graph.get(node, ()) & members):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return [start]


def _where(edges: dict[tuple[str, str], list[Import]], cycle: list[str]) -> Iterator[str]:
    for a, b in itertools.pairwise(cycle):
        sites = edges[(a, b)]
        shown = ", ".join(f"{i.source}:{i.line}" for i in sites[:3])
        yield f"  {a} -> {b}  ({shown}{', …' if len(sites) > 3 else ''})"


def _report(
    title: str, graph: dict[str, set[str]], edges: dict[tuple[str, str], list[Import]]
) -> str:
    lines = []
    for cycle in _cycles(graph):
        lines.append(f"{title}: " + " -> ".join(cycle))
        lines.extend(_where(edges, cycle))
    return "\n".join(lines)


def component(module: str) -> str:
    """The top-level package: ``service.events.service`` → ``service``."""
    return module.split(".")[0]


def test_the_walk_sees_the_packages() -> None:
    assert {"service.app", "service.db", "notifiers.worker", "config.settings"} <= set(modules())
    assert any(i.in_function for i in imports())  # function bodies are walked too


def test_no_import_cycle_between_modules() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    edges: dict[tuple[str, str], list[Import]] = defaultdict(list)
    for i in imports():
        graph[i.source].add(i.target)
        edges[(i.source, i.target)].append(i)
    report = _report("module cycle", graph, edges)
    assert not report, "\n" + report


def test_no_cycle_between_components() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    edges: dict[tuple[str, str], list[Import]] = defaultdict(list)
    for i in imports():
        if i.source in COMPOSITION_ROOTS or i.source.startswith(COMPOSITION_ROOT_PACKAGES):
            continue
        a, b = component(i.source), component(i.target)
        if a != b:
            graph[a].add(b)
            edges[(a, b)].append(i)
    report = _report("component cycle", graph, edges)
    assert not report, "\n" + report


def test_imports_inside_functions_are_listed_with_a_reason() -> None:
    lazy = sorted({(i.source, i.line, i.target) for i in imports() if i.in_function})
    unlisted = [f"{s}:{n} imports {t}" for s, n, t in lazy if s not in LAZY_IMPORTERS]
    assert not unlisted, "\n" + "\n".join(unlisted)
    stale = sorted(set(LAZY_IMPORTERS) - {s for s, _, _ in lazy})
    assert not stale, f"listed but importing nothing inside a function: {stale}"


def _dialect_allowed(path: Path) -> bool:
    relative = path.relative_to(ROOT)
    if "sandbox" in relative.parts:  # not product code
        return True
    return relative.as_posix() == "service/db.py" or path.name == "repository.py"


def test_the_dialect_is_asked_only_in_db_and_repositories() -> None:
    pattern = re.compile("|".join(re.escape(w) for w in DIALECT_WORDS))
    found = []
    for path in modules().values():
        if _dialect_allowed(path):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if match := pattern.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {match.group()}: {line.strip()}")
    assert not found, "\n" + "\n".join(found)


ARCHITECTURE = ROOT / "docs" / "architecture.md"
NOT_CODE = {"static", "templates", "models", "__pycache__", "postgres", "sqlite"}


def _code_folders() -> set[str]:
    found = set()
    for package in PACKAGES:
        for path in [ROOT / package, *(ROOT / package).rglob("*")]:
            if path.is_dir() and not NOT_CODE & set(path.relative_to(ROOT).parts):
                found.add(path.relative_to(ROOT).as_posix() + "/")
    return found


def test_the_architecture_table_names_every_folder() -> None:
    section = ARCHITECTURE.read_text().split("## Packages", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"^\| `([a-z_/]+/)` \|", section, re.M))
    assert named == _code_folders(), (
        f"folders missing from the table: {sorted(_code_folders() - named)}; "
        f"named but not there: {sorted(named - _code_folders())}"
    )


def test_every_route_list_is_named_by_the_app() -> None:
    """Every module that declares routes is imported by service/app.py, so a URL is found from
    the app in one hop."""
    declaring = {
        m
        for m in modules()
        if m.split(".")[0] != "sandbox"
        and re.search(r"^routes(: [^=]+)? = ", modules()[m].read_text(encoding="utf-8"), re.M)
    }
    imported = {i.target for i in imports() if i.source == "service.app"}
    assert {"service.events.endpoints", "disclosure.led.endpoints"} <= declaring  # the walk works
    assert declaring <= imported, sorted(declaring - imported)
