"""`.env.example` is the one list of the settings read from the environment: all of them, each
under its group with a comment, and nothing the settings (or gunicorn's) do not read."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The modules reading the environment: the site's settings and gunicorn's (`make serve`).
SETTINGS = [ROOT / "coalition" / "settings.py", ROOT / "coalition" / "gunicorn.conf.py"]
ENV_EXAMPLE = ROOT / ".env.example"
VARIABLE = re.compile(r"^([A-Z][A-Z0-9_]*)=")
GROUP = re.compile(r"^# --- .+ ---$")


def variables_read(source):
    """The names passed to `env(...)` or `env.<cast>(...)` in the settings module's source."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        reads_env = (isinstance(func, ast.Name) and func.id == "env") or (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "env"
            and func.attr != "read_env"
        )
        name = node.args[0]
        if reads_env and isinstance(name, ast.Constant) and isinstance(name.value, str):
            names.add(name.value)
    return names


def all_variables_read():
    return set().union(*(variables_read(path.read_text()) for path in SETTINGS))


def variables_listed(text):
    return {match.group(1) for line in text.splitlines() if (match := VARIABLE.match(line))}


def uncommented_variables(text):
    """Variables not directly under a comment line of their own (a group title is not one)."""
    lines = text.splitlines()
    return [
        match.group(1)
        for number, line in enumerate(lines)
        if (match := VARIABLE.match(line))
        and not (
            number and lines[number - 1].startswith("# ") and not GROUP.match(lines[number - 1])
        )
    ]


def ungrouped_variables(text):
    """Variables above the first group title."""
    before_first_group = text.split("\n# --- ", 1)[0]
    return sorted(variables_listed(before_first_group))


def test_the_settings_read_dozens_of_variables():
    # Far fewer would mean the parsing below missed them.
    assert len(all_variables_read()) > 30


def test_env_example_lists_every_variable_the_settings_read():
    assert all_variables_read() - variables_listed(ENV_EXAMPLE.read_text()) == set()


def test_env_example_lists_nothing_the_settings_do_not_read():
    assert variables_listed(ENV_EXAMPLE.read_text()) - all_variables_read() == set()


def test_each_variable_has_its_comment_under_a_group():
    text = ENV_EXAMPLE.read_text()
    assert uncommented_variables(text) == []
    assert ungrouped_variables(text) == []


def test_the_check_sees_every_way_of_reading_a_variable():
    source = (
        'environ.Env.read_env(BASE_DIR / ".env")\n'
        'DEBUG = env.bool("DEBUG", default=False)\n'
        'KEY = env("SECRET_KEY")\n'
        'DATABASES = {"default": env.db("DATABASE_URL")}\n'
        'LOG = {"level": env.str("LOG_LEVEL", default="INFO")}\n'
        'OTHER = os.environ.get("NOT_OURS")\n'
    )
    assert variables_read(source) == {"DEBUG", "SECRET_KEY", "DATABASE_URL", "LOG_LEVEL"}


def test_the_check_finds_a_variable_without_its_comment():
    text = "# --- Core ---\n# Debug pages.\nDEBUG=False\nSITE_NAME=Coalition\n"
    assert uncommented_variables(text) == ["SITE_NAME"]
    assert uncommented_variables("# --- Core ---\nDEBUG=False\n") == ["DEBUG"]
    assert ungrouped_variables("# Debug pages.\nDEBUG=False\n# --- Core ---\n") == ["DEBUG"]
