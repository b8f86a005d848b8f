"""Step 5's import graph, built from file texts with line patterns: absolute, relative, `from pkg import module`,
parenthesised and continued imports, src layout, package __init__ files; the independent modules are the ones that
do not import a blocked module, directly or through others."""

from __future__ import annotations

import pytest

from readiness.core.scan._source.imports import module_name, parse_imports
from readiness.core.triage.next_module import dependents, import_graph, next_options


@pytest.mark.parametrize(("path", "name"), [
    ("pkg/mod.py", "pkg.mod"),
    ("pkg/__init__.py", "pkg"),
    ("src/pkg/mod.py", "pkg.mod"),
    ("tool.py", "tool"),
    ("pkg/mod.pyi", "pkg.mod"),
    ("pkg/my-mod.py", None),
    ("pkg/mod.js", None),
    ("src/__init__.py", "src"),
])
def test_module_names(path: str, name: str | None) -> None:
    assert module_name(path) == name


def test_parse_imports_handles_the_usual_forms() -> None:
    text = """\
import os, sys as system
import pkg.a.b
from . import sibling
from ..up import thing  # comment
from pkg import (
    one,
    two as deux,  # trailing
)
from pkg.x import \\
    y
    import indented_in_function
x = "import not_a_statement"
"""
    assert parse_imports(text) == [
        ("os", None), ("sys", None), ("pkg.a.b", None), (".", ["sibling"]), ("..up", ["thing"]),
        ("pkg", ["one", "two as deux"]), ("pkg.x", ["y"]), ("indented_in_function", None),
    ]


FILES = {
    "pkg/__init__.py": "",
    "pkg/db.py": "import os\n",
    "pkg/api.py": "from pkg import db\n",
    "pkg/web.py": "from . import api\n",
    "pkg/cli.py": "import pkg.util\n",
    "pkg/util.py": "",
    "pkg/sub/__init__.py": "from .. import util\n",
    "pkg/sub/deep.py": "from ..db import connect\n",
    "pkg/sub/rel.py": "from .deep import x\n",
    "src/lib/core.py": "from lib import helpers\n",
    "src/lib/helpers.py": "",
    "tests/test_cli.py": "from pkg.cli import main\n",
    "scripts/tool.js": "import x from 'pkg/db'\n",
}


def test_graph_resolves_modules_to_paths_with_parent_packages() -> None:
    graph = import_graph(FILES)
    assert graph["pkg/api.py"] == {"pkg/__init__.py", "pkg/db.py"}
    assert graph["pkg/web.py"] == {"pkg/__init__.py", "pkg/api.py"}
    assert graph["pkg/cli.py"] == {"pkg/__init__.py", "pkg/util.py"}
    assert graph["pkg/sub/__init__.py"] == {"pkg/__init__.py", "pkg/util.py"}
    assert graph["pkg/sub/deep.py"] == {"pkg/__init__.py", "pkg/sub/__init__.py", "pkg/db.py"}
    assert graph["pkg/sub/rel.py"] == {"pkg/__init__.py", "pkg/sub/__init__.py", "pkg/sub/deep.py"}
    assert graph["src/lib/core.py"] == {"src/lib/helpers.py"}
    assert graph["pkg/db.py"] == {"pkg/__init__.py"}  # its own package runs first
    assert graph["pkg/__init__.py"] == frozenset()
    assert "scripts/tool.js" not in graph


def test_dependents_are_transitive() -> None:
    graph = import_graph(FILES)
    assert dependents(graph, ["pkg/db.py"]) == {"pkg/api.py", "pkg/web.py", "pkg/sub/deep.py", "pkg/sub/rel.py"}
    # pkg/sub/deep.py and rel.py only run pkg/sub/__init__.py, which imports util: a re-export edge, not counted
    assert dependents(graph, ["pkg/util.py"]) == {"pkg/cli.py", "pkg/sub/__init__.py", "tests/test_cli.py"}
    assert dependents(graph, []) == set()


def test_next_options_skip_blocked_and_dependent_modules() -> None:
    graph = import_graph(FILES)
    candidates = ["pkg/__init__.py", "pkg/api.py", "pkg/cli.py", "pkg/db.py", "pkg/web.py", "scripts/tool.js",
                  "pkg/new_feature.py"]
    options = next_options(candidates, graph, ["pkg/db.py"])
    assert [o.module for o in options] == ["pkg/cli.py", "scripts/tool.js", "pkg/new_feature.py", "pkg/__init__.py"]
    reasons = {o.module: o.reason for o in options}
    assert reasons["pkg/cli.py"] == "does not import pkg/db.py"
    assert "not analysed" in reasons["scripts/tool.js"]


def test_without_a_blocked_module_every_candidate_is_offered() -> None:
    options = next_options(["b.py", "a.py", "b.py"], {}, [])
    assert [o.module for o in options] == ["b.py", "a.py"]
    assert all("no blocked module" in o.reason for o in options)


def test_cycles_do_not_hang() -> None:
    graph = import_graph({"a.py": "import b\n", "b.py": "import a\n", "c.py": "import a\n", "d.py": ""})
    assert dependents(graph, ["a.py"]) == {"a.py", "b.py", "c.py"}
    assert [o.module for o in next_options(["a.py", "b.py", "c.py", "d.py"], graph, ["a.py"])] == ["d.py"]
