"""A pull-request-sized scan builds the missing-test index lazily: one `git grep` pass keeps the test lines that can
mention the changed modules (`grep.prefetch`), only the import lines that can reach them are followed, and imports
of unrelated plain modules are skipped (`python_index._Inert`). Its answers must be the full index's: the same
exercising tests for every changed module and the same findings, on a repository whose tests import the changed
modules in every way the index understands (`import a.b`, `import a.b as x`, `from a import b`, `from a.b import c`,
relative imports, a name re-exported by a package, `import a` then `a.b.c(...)`, multi-line imports, a dotted name
in a string), next to many tests importing unrelated modules."""

from __future__ import annotations

import pytest

from readiness.core.scan import engine as scan
from readiness.core.scan._source import test_index as index_mod


def logic(name: str) -> str:
    return f"def {name}(order, amount):\n    if amount < 0:\n        raise ValueError(amount)\n    return order - amount\n"


BASE = {
    "pkg/__init__.py": "from .reexp import Exported\n",
    "pkg/mod.py": logic("charge"),
    "pkg/aliased.py": logic("aliased"),
    "pkg/other.py": logic("other"),
    "pkg/reexp.py": "class Exported:\n    def run(self):\n        return 1\n",
    "pkg/attr.py": logic("attr_fn"),
    "pkg/rel.py": logic("go"),
    "pkg/multi.py": logic("multi_a") + logic("multi_b"),
    "pkg/quoted.py": logic("quoted"),
    "pkg/untested.py": logic("lonely"),
    "pkg/sub/__init__.py": "",
    "pkg/sub/deep.py": logic("thing"),
    "util/__init__.py": "",
    "util/helpers.py": logic("helper"),
    "tests/__init__.py": "",
    "tests/test_mod.py": "import pkg.mod\nimport pytest\n\ndef test_mod():\n    with pytest.raises(ValueError):\n"
                         "        pkg.mod.charge(1, -1)\n",
    "tests/test_aliased.py": "import pkg.aliased as al\n\ndef test_a():\n    assert not al.aliased(1, 1)\n",
    "tests/test_other.py": "from pkg import other\n\ndef test_other():\n    assert other.other(2, 1) == 1\n",
    "tests/test_reexp.py": "from pkg import Exported\n\ndef test_run():\n    assert Exported().run() == 1\n",
    "tests/test_attr.py": "import pkg\n\ndef test_attr():\n    assert pkg.attr.attr_fn(2, 1) == 1\n",
    "tests/test_deep.py": "from pkg.sub.deep import thing\nfrom util.helpers import helper\n\n"
                          "def test_thing():\n    assert thing(2, 1) == helper(2, 1)\n",
    "tests/test_multi.py": "from pkg.multi import (\n    multi_a,\n    multi_b,\n)\n\ndef test_multi():\n"
                          "    assert multi_a(2, 1) == multi_b(2, 1)\n",
    "tests/test_quoted.py": "from unittest import mock\n\n@mock.patch('pkg.quoted.quoted')\ndef test_q(m):\n"
                           "    assert m\n",
    "pkg/tests/__init__.py": "",
    "pkg/tests/test_rel.py": "from ..rel import go\nfrom .. import rel\nfrom . import helpers_for_tests\n\n"
                             "def test_go():\n    assert go(2, 1) == rel.go(2, 1)\n",
    "pkg/tests/helpers_for_tests.py": "X = 1\n",
    # a generic file name no test names (never looked for), and one in a folder of units loaded by name (looked for)
    "pkg/models.py": logic("make_model"),
    "pkg/plugins/__init__.py": "",
    "pkg/plugins/utils.py": logic("plugin_main"),
    "tests/test_models.py": "from pkg.models import make_model\n\ndef test_model():\n    assert make_model(2, 1)\n",
    "tests/test_plugins.py": "def test_plugin(runner):\n    assert runner.run_plugin('utils', 2, 1) == 1\n",
}
# Many tests that import only unrelated plain modules: lines the lazy index skips.
UNRELATED = {f"tests/test_unrelated_{i}.py": "from util.helpers import helper\nimport util.helpers as h\n"
             f"from tests import test_mod\n\ndef test_{i}():\n    assert h.helper(1, 0) == helper(1, 0)\n"
             for i in range(30)}
CHANGED = ["pkg/mod.py", "pkg/aliased.py", "pkg/other.py", "pkg/reexp.py", "pkg/attr.py", "pkg/rel.py",
           "pkg/multi.py", "pkg/quoted.py", "pkg/untested.py", "pkg/sub/deep.py", "pkg/models.py",
           "pkg/plugins/utils.py"]


@pytest.fixture
def branch(git_repo):
    for path, text in {**BASE, **UNRELATED}.items():
        git_repo.write(path, text)
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    for path in CHANGED:
        with (git_repo.path / path).open("a", encoding="utf-8") as handle:
            handle.write("\n\ndef added(value):\n    return value\n")
    git_repo.commit("a pull-request-sized change")
    return git_repo


def _answers(ctx):
    findings = sorted((f.rule, f.path, f.message) for f in scan.run(ctx, scanners=["missing-test"]))
    index = index_mod.test_index(ctx)
    return findings, {s.path: sorted(index.tests_for.get(s.path, ())) for s in index.subjects}


def test_the_lazy_index_gives_the_full_index_answers(branch, scan_context, monkeypatch):
    lazy = _answers(scan_context(branch))
    with monkeypatch.context() as full:  # every import line of every test, no prefetch, nothing skipped
        full.setattr("readiness.core.scan.scanners._missing_lookups.prefetch", lambda *args, **kwargs: None)
        full.setattr("readiness.core.scan._source.python_index._TARGETED_MAX", 0)
        whole = _answers(scan_context(branch))
    assert lazy == whole
    findings, tests_for = lazy
    assert set(tests_for) == set(CHANGED)
    expected = {"pkg/mod.py": "tests/test_mod.py", "pkg/aliased.py": "tests/test_aliased.py",
                "pkg/other.py": "tests/test_other.py", "pkg/reexp.py": "tests/test_reexp.py",
                "pkg/attr.py": "tests/test_attr.py", "pkg/rel.py": "pkg/tests/test_rel.py",
                "pkg/multi.py": "tests/test_multi.py", "pkg/quoted.py": "tests/test_quoted.py",
                "pkg/sub/deep.py": "tests/test_deep.py", "pkg/models.py": "tests/test_models.py",
                "pkg/plugins/utils.py": "tests/test_plugins.py"}
    for path, test in expected.items():
        assert test in tests_for[path], path
    assert tests_for["pkg/untested.py"] == []
    flagged = {path for rule, path, _ in findings if rule == "missing-test/no-test-file"}
    assert flagged == {"pkg/untested.py"}
    negative = {path for rule, path, _ in findings if rule == "missing-test/negative-test"}
    assert "pkg/mod.py" not in negative and "pkg/aliased.py" not in negative and "pkg/other.py" in negative


def test_the_lazy_index_used_the_prefetched_lines(branch, scan_context, monkeypatch):
    ctx = scan_context(branch)
    asked: list[str] = []
    real = ctx.repo.grep
    monkeypatch.setattr(ctx.repo, "grep", lambda pattern, specs=(): asked.append(pattern) or real(pattern, specs))
    scan.run(ctx, scanners=["missing-test"])
    assert ctx.cache.get("grep:prefetched")
    assert not any(pattern == "import" for pattern in asked)  # the import pass was answered from the kept lines


def test_generic_file_names_are_searched_only_where_a_question_asks_for_them(branch, scan_context):
    ctx = scan_context(branch)
    scan.run(ctx, scanners=["missing-test"])
    searched = set().union(*(words for words, _, _ in ctx.cache["grep:prefetched"]))
    assert "utils" in searched  # pkg/plugins/utils.py: a unit loaded by its name
    assert "models" not in searched  # pkg/models.py: no question looks for `models` in the tests
    assert "quoted" in searched  # not generic: a unit run by name may be looked for
