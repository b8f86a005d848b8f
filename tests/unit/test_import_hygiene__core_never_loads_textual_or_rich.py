"""readiness.core runs without a terminal: importing it must not load textual, rich or GitPython."""

import pkgutil
import subprocess
import sys

import readiness
import readiness.core


def _core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(readiness.core.__path__, "readiness.core."))


def test_core_modules_exist():
    modules = _core_modules()
    assert "readiness.core.repo" in modules
    assert "readiness.core.scan.engine" in modules


def test_core_imports_load_neither_textual_nor_rich():
    code = (
        "import importlib, sys\n"
        f"for name in {_core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_gitpython_is_imported_lazily_and_only_by_repo():
    import pathlib
    import re

    package = pathlib.Path(readiness.__file__).parent
    importers = sorted(
        str(p.relative_to(package)) for p in package.rglob("*.py")
        if re.search(r"^\s*(import git\b|from git\b)", p.read_text(encoding="utf-8"), re.MULTILINE)
    )
    assert importers == ["core/repo.py"]
    code = (
        "import importlib, sys\n"
        f"for name in {_core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print('git' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
