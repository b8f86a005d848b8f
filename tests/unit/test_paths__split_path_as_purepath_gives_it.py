"""Paths are split by string operations (the scanners ask a language, a stem or a module name of every file of the
repository): the folders, stem and suffix are those `PurePosixPath` gives, for git's paths and for odd ones."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from readiness.core.paths import path_stem, path_suffix, split_path
from readiness.core.scan._source.imports import python_module_names
from readiness.core.scan.base import LANGUAGES, language_of


@pytest.mark.parametrize("path", [
    "a.py", "pkg/sub/mod.py", "pkg/__init__.py", ".py", "a.", "a..py", "x/.hidden", "x/y.tar.gz", "x/...",
    "./a.py", "a//b.py", "a/./b.py", "/abs/x.py", "a/b/", "a/.", ".", "", "..", "../x.py", "é/ü.pyi", "a b/c d.py",
    "src/App.TSX", "Makefile", "x/.env.local",
])
def test_split_equals_purepath(path):
    pure = PurePosixPath(path)
    assert split_path(path) == ((list(pure.parent.parts) if str(pure.parent) != "." else []), pure.stem, pure.suffix)
    assert (path_stem(path), path_suffix(path)) == (pure.stem, pure.suffix)
    assert language_of(path) == LANGUAGES.get(pure.suffix.lower())


def test_module_names_of_a_package_module():
    paths = frozenset({"src/pkg/__init__.py", "src/pkg/mod.py"})
    assert python_module_names("src/pkg/mod.py", paths, ("src",)) == ["pkg.mod", "src.pkg.mod"]
