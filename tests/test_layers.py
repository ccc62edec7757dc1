"""Imports point one way (DESIGN.md §5, the README's Layout): the floor (isms) imports no app; the registers
(registry) only the floor; the review (reviews) the floor and the registers' models, selectors (rules included) and
services, never their views, forms, filters or templatetags; the portal on top may import them all, and no app
imports it. isms/settings.py and isms/urls.py are wiring and name the apps by string only.

Every .py file of the four apps is read with `ast` (nothing is imported), migrations aside: they name other apps by
string in their dependencies. Imports inside functions count as much as those at the top of a module.
"""

import ast
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("isms", "registry", "reviews", "portal")

# What each app may import of the other apps: these modules and everything under them.
ALLOWED = {
    "isms": (),
    "registry": ("isms",),
    "reviews": ("isms", "registry.models", "registry.selectors", "registry.services"),
    "portal": ("isms", "registry", "reviews"),
}
# The apps each app may not even name in a string (a model label, a module path, a URL name), outside docstrings.
UNNAMEABLE = {
    "isms": ("registry", "reviews", "portal"),
    "registry": ("reviews", "portal"),
    "reviews": ("portal",),
    "portal": (),
}
WIRING = {"isms/settings.py", "isms/urls.py"}  # they name the apps, by string only


def python_files(app: str) -> list[Path]:
    return [p for p in sorted((ROOT / app).rglob("*.py")) if "migrations" not in p.relative_to(ROOT).parts]


def package_of(path: Path) -> str:
    """The package a module's relative imports start from: registry/views/base.py → registry.views."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1])


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, dotted name) of everything `path` imports, relative imports resolved: `from registry import views`
    gives registry.views, `from ..models import Action` in registry/views/base.py registry.models.Action. A call of
    importlib.import_module or __import__ with a literal name counts too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package_of(path))
            found += [(node.lineno, base if alias.name == "*" else f"{base}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and _called(node) in {"import_module", "__import__"}:
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found.append((node.lineno, node.args[0].value))
    return found


def _called(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def _under(name: str, module: str) -> bool:
    return name == module or name.startswith(module + ".")


def wrong_way_imports() -> list[str]:
    wrong = []
    for app in APPS:
        for path in python_files(app):
            for line, name in imports(path):
                target = name.split(".")[0]
                if target in APPS and target != app and not any(_under(name, m) for m in ALLOWED[app]):
                    wrong.append(f"{path.relative_to(ROOT)}:{line}: {app} imports {name}")
    return wrong


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def names_by_string() -> list[str]:
    wrong = []
    for app in APPS:
        pattern = re.compile(rf"^({'|'.join(UNNAMEABLE[app])})([.:][\w.:]*)?$") if UNNAMEABLE[app] else None
        for path in python_files(app):
            if pattern is None or str(path.relative_to(ROOT)) in WIRING:
                continue
            tree = ast.parse(path.read_text(), str(path))
            docstrings = _docstrings(tree)
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                    if pattern.match(node.value):
                        wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: {app} names {node.value!r}")
    return wrong


def template_references() -> list[str]:
    """{% extends %} and {% include %} in templates/<app>/ of another app's templates that the app may not import."""
    wrong = []
    tag = re.compile(r"{%\s*(?:extends|include)\s+[\"']([\w-]+)/")
    for app in APPS:
        for path in sorted((ROOT / "templates" / app).rglob("*.html")):
            for match in tag.finditer(path.read_text()):
                target = match.group(1)
                if target in APPS and target != app and not any(_under(target, m) for m in ALLOWED[app]):
                    line = path.read_text()[: match.start()].count("\n") + 1
                    wrong.append(f"{path.relative_to(ROOT)}:{line}: {app} uses the template {target}/…")
    return wrong


def test_every_app_is_read():
    files = {app: python_files(app) for app in APPS}
    assert all(files.values()), "an app has no Python file: is the layout as the README says?"
    assert ROOT / "isms" / "urls.py" in files["isms"]
    assert ROOT / "portal" / "views.py" in files["portal"]


def test_imports_point_one_way():
    assert wrong_way_imports() == []


def test_no_app_names_one_above_it_by_string():
    assert names_by_string() == []


def test_templates_point_one_way():
    assert template_references() == []


def test_the_check_sees_a_wrong_way_import(tmp_path, monkeypatch):
    """The check itself: a function-level import of a register view in the review and a plain import of the review
    in the floor are found; the registers' imports of the floor and of their own modules pass."""
    for path, text in {
        "reviews/wrong.py": "def f():\n    from registry.views.comments import CommentForm\n",
        "isms/sub/wrong.py": "import reviews.models\n",
        "registry/right.py": "from isms.models import Organisation\nfrom . import models\n",
    }.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert wrong_way_imports() == [
        "isms/sub/wrong.py:1: isms imports reviews.models",
        "reviews/wrong.py:2: reviews imports registry.views.comments.CommentForm",
    ]
