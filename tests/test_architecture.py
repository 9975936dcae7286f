"""The import direction of docs/architecture.md, read from the source with `ast`.

Every import counts, including those inside functions: a function-level import hides a
dependency from the reader, not from the design. The rules:

- `materials` (the content model) imports no other app of the project;
- each app imports only the apps listed in ALLOWED below;
- `repo_site` wires everything and nobody imports it, except `repo_site.languages`, which
  reads the partner-language file and needs no settings (settings themselves import it);
- nothing imports `tests`;
- there is no import cycle between the project's modules.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = (
    "repo_site",
    "materials",
    "downloads",
    "demo",
    "open_data",
    "search",
    "translation",
    "page_cache",
    "background",
    "curation",
    "link_check",
    "duplicates",
    "harvest",
    "quality_check",
    "pd_uses",
    "open_statistics",
    "metadata_quality",
    "bench",
    "tests",
)
# Helpers of repo_site that any app may import: they need no settings and import no app.
SHARED_HELPERS = frozenset({"repo_site.languages"})
# Which apps each app may import (besides itself and the shared helpers).
ALLOWED = {
    "materials": set(),
    "downloads": {"materials"},
    "demo": {"materials"},
    # Whole-page caching is a layer of its own: it knows no app of the project.
    "page_cache": set(),
    "open_data": {"materials", "page_cache"},
    "search": {"materials", "open_data"},
    # search.stemming: machine-translated text is indexed with its own language's stems.
    "translation": {"materials", "search"},
    # The retry policy and failed-task report know tasks, not what they do.
    "background": set(),
    # Imports and other bulk editorial tools: they write materials; harvest writes through
    # them.
    "curation": {"materials"},
    # Link checking reads the pages' links and answers the material page's hook; page_cache
    # to make cached pages stale when a material's dead-link notice appears or goes.
    "link_check": {"materials", "page_cache"},
    # Likely duplicates and their review queue: fingerprints of materials, flagged pairs;
    # decisions write the content model's lineage. Nothing imports it.
    "duplicates": {"materials"},
    # OAI-PMH harvesting writes through the import's drafts and vocabulary (curation's
    # material_import and ImportedMaterial); nothing imports it.
    "harvest": {"materials", "curation"},
    # The PD provider's self-check reads criteria, reviews and materials; page_cache for the
    # `cacheable` mark of its empty form.
    "quality_check": {"materials", "page_cache"},
    # Recording PD uses: the partner-scoped admin over materials' PDUse model.
    "pd_uses": {"materials"},
    # The open statistics read the content model and the translation app's request counts
    # and its rule for "outdated".
    "open_statistics": {"materials", "translation"},
    # The metadata scorecard reads the content model, the facets and index fields (its
    # weights), the rule for "outdated", the link checks and the duplicates queue.
    "metadata_quality": {"materials", "search", "translation", "link_check", "duplicates"},
    "repo_site": {
        "materials",
        "downloads",
        "demo",
        "open_data",
        "search",
        "translation",
        "page_cache",
        "background",
        "curation",
        "link_check",
        "duplicates",
        "quality_check",
        "pd_uses",
        "open_statistics",
    },  # fmt: skip
    # The benchmark harness runs the whole site, like repo_site.
    "bench": {
        "repo_site",
        "materials",
        "downloads",
        "demo",
        "open_data",
        "search",
        "translation",
        "page_cache",
        "background",
        "curation",
        "quality_check",
    },  # fmt: skip
    "tests": set(APPS),
}


def project_modules(root: Path, apps=APPS) -> dict[str, Path]:
    """Dotted module name -> file, for every Python file of the apps (migrations included)."""
    modules = {}
    for app in apps:
        for path in (root / app).rglob("*.py"):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules `name` imports anywhere in its body (top level or not).

    `from a.b import c` depends on module a.b.c when it exists, else on a.b. Importing a
    submodule also runs its packages' __init__, but that is how packages work, not a
    dependency anyone wrote, so it is not counted.
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def known(dotted: str) -> str | None:
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            candidate = ".".join(parts[:end])
            if candidate in modules:
                return candidate
        return None

    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(known(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                found.add(known(f"{module}.{alias.name}") or known(module))
    found.discard(None)
    found.discard(name)
    return found


def import_graph(root: Path, apps=APPS) -> dict[str, set[str]]:
    modules = project_modules(root, apps)
    return {name: imported_modules(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def forbidden_imports(graph: dict[str, set[str]]) -> list[str]:
    problems = []
    for module, imports in sorted(graph.items()):
        app = module.split(".")[0]
        for target in sorted(imports):
            target_app = target.split(".")[0]
            if target_app == app or target in SHARED_HELPERS:
                continue
            if target_app not in ALLOWED[app]:
                problems.append(f"{module} imports {target}")
    return problems


@pytest.fixture(scope="module")
def graph():
    return import_graph(ROOT)


def test_every_app_is_parsed(graph):
    assert {module.split(".")[0] for module in graph} == set(APPS)


def test_imports_flow_in_the_documented_direction(graph):
    assert forbidden_imports(graph) == []


def test_materials_imports_no_other_app(graph):
    others = [
        f"{module} imports {target}"
        for module, imports in graph.items()
        if module.split(".")[0] == "materials"
        for target in imports
        if target.split(".")[0] != "materials"
    ]
    assert others == []


def test_nothing_outside_the_tests_imports_them(graph):
    assert [
        module
        for module, imports in graph.items()
        if not module.startswith("tests") and any(t.split(".")[0] == "tests" for t in imports)
    ] == []


def test_there_is_no_import_cycle(graph):
    assert cycles(graph) == []


# The checker itself, on small made-up projects: it must see what it is meant to forbid.


def write(root: Path, files: dict[str, str]) -> None:
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)


def test_a_function_level_import_cycle_is_found(tmp_path):
    write(
        tmp_path,
        {
            "materials/__init__.py": "",
            "materials/models.py": "def f():\n    from materials.record import x\n",
            "materials/record.py": "from materials import models\nx = 1\n",
        },
    )
    assert cycles(import_graph(tmp_path, ["materials"])) == [
        ["materials.models", "materials.record"]
    ]


def test_materials_importing_another_app_is_found_even_inside_a_function(tmp_path):
    write(
        tmp_path,
        {
            "materials/__init__.py": "",
            "materials/models.py": "def serve():\n    from downloads.views import serve\n",
            "downloads/__init__.py": "",
            "downloads/views.py": "from materials import models\n",
        },
    )
    graph = import_graph(tmp_path, ["materials", "downloads"])
    assert forbidden_imports(graph) == ["materials.models imports downloads.views"]


def test_relative_imports_and_repo_site_helpers(tmp_path):
    write(
        tmp_path,
        {
            "repo_site/__init__.py": "",
            "repo_site/languages.py": "",
            "repo_site/urls.py": "",
            "translation/__init__.py": "",
            "translation/teams.py": "from repo_site.languages import x\nfrom . import views\n",
            "translation/views.py": "import repo_site.urls\n",
        },
    )
    graph = import_graph(tmp_path, ["repo_site", "translation"])
    assert graph["translation.teams"] == {"repo_site.languages", "translation.views"}
    assert forbidden_imports(graph) == ["translation.views imports repo_site.urls"]
