"""Imports point one way, and so do the URL names code reverses.

The layers, lowest first: `coalition` (vocabulary, revisions, markdown, images, shared
utilities) <- `coalition.library` <- `partners` <- `coalition.cases` <- `articles` <- the site
level. A module imports only from its own layer and those below it. A model may still name an
upper model by string in a relation, and pages may follow reverse relations: neither is an
import. The check reads the source (not the migrations) rather than importing it, so it sees
imports inside functions too.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("coalition", "partners", "articles")

SITE = 5
# The longest matching prefix decides a module's layer.
LAYERS = {
    "coalition": 0,
    "coalition.library": 1,
    "partners": 2,
    "coalition.cases": 3,
    "articles": 4,
    # The site level: what composes the apps into one site and may import all of them.
    "coalition.settings": SITE,
    "coalition.urls": SITE,
    "coalition.wsgi": SITE,
    "coalition.asgi": SITE,
    "coalition.views": SITE,
    "coalition.sitemaps": SITE,
    "coalition.feeds": SITE,
    "coalition.search": SITE,
    "coalition.portal": SITE,
    "coalition.links": SITE,
    "coalition.demo": SITE,
    "coalition.management": SITE,
    # Describes the site's own pages (its home, its name) to search engines.
    "coalition.seo": SITE,
    "coalition.templatetags.seo": SITE,
}
LAYER_NAMES = {
    0: "coalition",
    1: "library",
    2: "partners",
    3: "cases",
    4: "articles",
    SITE: "site",
}

# App labels, for apps.get_model("label.Model") and admin URL names.
APP_LABELS = {
    "coalition": "coalition",
    "library": "coalition.library",
    "partners": "partners",
    "cases": "coalition.cases",
    "articles": "articles",
    "search": "coalition.search",
    "links": "coalition.links",
}
REVERSING = {"reverse", "reverse_lazy", "redirect", "resolve_url"}
IMPORTING = {"import_module", "include"}


def layer_of(module):
    matches = [name for name in LAYERS if module == name or module.startswith(name + ".")]
    return LAYERS[max(matches, key=len)] if matches else None


def module_of(path, root):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def url_owners(root):
    """URL namespace -> the module declaring it (its `app_name`, or the root URLconf's include
    of a (patterns, namespace) pair); "" -> the root URLconf for the names it declares itself."""
    owners, site_names = {}, set()
    for path in source_files(root):
        tree = ast.parse(path.read_text())
        module = module_of(path, root)
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and any(getattr(target, "id", "") == "app_name" for target in node.targets)
                and isinstance(node.value, ast.Constant)
            ):
                owners[node.value.value] = module
        if module != "coalition.urls":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "include":
                pair = node.args[0] if node.args else None
                if isinstance(pair, ast.Tuple) and isinstance(pair.elts[-1], ast.Constant):
                    owners[pair.elts[-1].value] = module
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                        site_names.add(keyword.value.value)
    return owners, site_names


def leading_text(node):
    """The constant start of a string or f-string argument, or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        return leading_text(node.values[0])
    return None


def url_owner(name, owners, site_names):
    """The module owning URL name `name`, or None when it is Django's own (login, admin:index)."""
    namespace, _, rest = name.rpartition(":")
    if not namespace:
        return "coalition.urls" if name in site_names else None
    if namespace == "admin":
        label = re.match(r"([a-z]+)_", rest)
        return APP_LABELS.get(label.group(1)) if label else None
    return owners.get(namespace, f"unknown URL namespace {namespace!r}")


def imported_modules(tree, module, is_package):
    """(line, what, target module) for every import and import-like string in `tree`."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, f"import {alias.name}", alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            for alias in node.names:
                # `from coalition import search` imports the module coalition.search.
                yield node.lineno, f"from {base} import {alias.name}", f"{base}.{alias.name}"
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            text = leading_text(node.args[0])
            if text is None:
                continue
            if called in IMPORTING:
                yield node.lineno, f"{called}({text!r})", text
            elif called == "get_model":
                label = text.split(".")[0] if "." in text or len(node.args) > 1 else None
                if label in APP_LABELS:
                    yield node.lineno, f"get_model({text!r})", APP_LABELS[label]


def reversed_urls(tree, owners, site_names):
    """(line, what, owning module) for every URL name reversed by a literal in `tree`."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        text = leading_text(node.args[0])
        if called in REVERSING and text and not text.startswith(("/", "http")):
            owner = url_owner(text, owners, site_names)
            if owner is not None:
                yield node.lineno, f"{called}({text!r})", owner


def source_files(root):
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def upward_references(root=ROOT):
    """Every import or reversed URL name that points to a higher layer, as 'file:line: ...'."""
    owners, site_names = url_owners(root)
    found = []
    for path in source_files(root):
        module = module_of(path, root)
        own = layer_of(module)
        tree = ast.parse(path.read_text(), filename=str(path))
        references = [
            *imported_modules(tree, module, path.name == "__init__.py"),
            *reversed_urls(tree, owners, site_names),
        ]
        for line, what, target in references:
            target_layer = layer_of(target)
            if target.startswith("unknown"):
                found.append(f"{path.relative_to(root)}:{line}: {what}: {target}")
            elif target_layer is not None and target_layer > own:
                found.append(
                    f"{path.relative_to(root)}:{line}: {what}: "
                    f"{LAYER_NAMES[own]}, upward to {LAYER_NAMES[target_layer]}"
                )
    return found


def test_no_module_reaches_an_upper_layer():
    assert upward_references() == []


def test_every_module_belongs_to_a_layer():
    for path in source_files(ROOT):
        assert layer_of(module_of(path, ROOT)) is not None, path


def write(root, relative, text):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_the_check_names_each_upward_reference_by_file_and_line(tmp_path):
    write(
        tmp_path,
        "coalition/urls.py",
        'urlpatterns = [path("", home, name="home"), path("x/", include((more, "extras")))]\n',
    )
    write(tmp_path, "coalition/portal/urls.py", 'app_name = "portal"\n')
    write(tmp_path, "articles/feed_urls.py", 'app_name = "feeds"\n')
    write(tmp_path, "partners/views.py", 'url = reverse_lazy("extras:page")\n')
    write(tmp_path, "coalition/models.py", "from articles.models import Article\n")
    write(
        tmp_path,
        "partners/models.py",
        "def welcome():\n"
        "    from coalition.portal import views\n"
        '    return reverse("portal:welcome")\n',
    )
    write(tmp_path, "coalition/cases/feeds.py", "from ...articles import models\n")
    write(tmp_path, "coalition/cases/views.py", 'Article = apps.get_model("articles.Article")\n')
    write(tmp_path, "coalition/images.py", 'url = reverse("home")\nimport_module("partners")\n')
    write(tmp_path, "partners/admin.py", 'url = reverse("admin:articles_article_change")\n')
    write(tmp_path, "articles/forms.py", 'url = reverse(f"feeds:{name}-rss")\n')
    write(tmp_path, "articles/views.py", 'url = reverse("elsewhere:page")\n')
    write(
        tmp_path,
        "coalition/portal/views.py",
        "from articles.models import Article\nfrom coalition.search import search\n",
    )
    write(
        tmp_path,
        "coalition/cases/models.py",
        'from partners.models import Partner\nfk = ForeignKey("articles.Article")\n',
    )
    write(tmp_path, "coalition/migrations/0002_x.py", "from articles.models import Article\n")

    assert sorted(upward_references(tmp_path)) == sorted(
        [
            "coalition/images.py:1: reverse('home'): coalition, upward to site",
            "coalition/images.py:2: import_module('partners'): coalition, upward to partners",
            "coalition/models.py:1: from articles.models import Article: "
            "coalition, upward to articles",
            "coalition/cases/feeds.py:1: from articles import models: cases, upward to articles",
            "coalition/cases/views.py:1: get_model('articles.Article'): cases, upward to articles",
            "partners/admin.py:1: reverse('admin:articles_article_change'): "
            "partners, upward to articles",
            "partners/models.py:2: from coalition.portal import views: partners, upward to site",
            "partners/models.py:3: reverse('portal:welcome'): partners, upward to site",
            "partners/views.py:1: reverse_lazy('extras:page'): partners, upward to site",
            "articles/views.py:1: reverse('elsewhere:page'): unknown URL namespace 'elsewhere'",
        ]
    )
