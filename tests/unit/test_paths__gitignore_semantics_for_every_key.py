"""Every pattern key means the same thing (README, "Path patterns"): gitignore semantics, `*` never crosses `/`,
`**` does, a pattern without `/` matches at any depth, `!` takes back; the defaults still mean what they meant."""

from __future__ import annotations

import json

import pytest

from readiness.core import config, paths
from readiness.core.checklists.engine import Inputs, evaluate
from readiness.core.checklists.loader import builtin_checklists, parse_checklist
from readiness.core.errors import ConfigError
from readiness.core.gates import coverage
from readiness.core.models import Status
from readiness.core.scan.base import matches_any as scan_matches_any


@pytest.mark.parametrize(("patterns", "path", "expected"), [
    (["*.py"], "a.py", True),
    (["*.py"], "pkg/sub/a.py", True),  # no `/`: any depth
    (["tests/*.py"], "tests/a.py", True),
    (["tests/*.py"], "tests/unit/a.py", False),  # `*` does not cross `/`
    (["tests/*.py"], "src/tests/a.py", False),  # a `/` anchors at the root
    (["**/test_*.py"], "test_a.py", True),  # `**/` includes the top
    (["**/test_*.py"], "pkg/tests/test_a.py", True),
    (["docs/**"], "docs/a/b.md", True),
    (["docs"], "docs/a/b.md", True),  # a folder covers its contents
    (["/setup.py"], "setup.py", True),
    (["/setup.py"], "pkg/setup.py", False),
    (["tests/**", "!tests/fixtures/keep.py"], "tests/fixtures/keep.py", False),
    (["tests/**", "!tests/fixtures/keep.py"], "tests/fixtures/other.py", True),
    (["src/?.py"], "src/a.py", True),
    (["src/?.py"], "src/ab.py", False),
    ([], "a.py", False),
])
def test_one_matcher_with_gitignore_semantics(patterns, path, expected):
    assert paths.matches_any(path, patterns) is expected
    assert scan_matches_any(path, patterns) is expected  # test_globs, missing_test_exempt, checklist state paths


def test_each_list_is_compiled_once():
    first = paths.matcher(["*.py", "docs/**"])
    assert paths.matcher(("*.py", "docs/**")) is first
    assert paths.matcher(["*.py"]) is not first


@pytest.mark.parametrize(("path", "is_test"), [
    ("tests/test_a.py", True), ("tests/unit/deep/helpers.py", True), ("pkg/tests/x.py", True),
    ("test_a.py", True), ("pkg/sub/test_a.py", True), ("pkg/a_test.py", True), ("conftest.py", True),
    ("web/src/app.test.ts", True), ("src/FooTest.java", True), ("pkg/testing_utils.py", False),
    ("pkg/latest.py", False), ("src/contest.py", False),
])
def test_default_test_globs_still_mean_what_they_meant(path, is_test):
    assert paths.matches_any(path, config.DEFAULT_TEST_GLOBS) is is_test


@pytest.mark.parametrize(("path", "exempt"), [
    ("setup.py", True), ("pkg/setup.py", True), ("tasks.py", True), ("app/tasks.py", False),
    ("noxfile.py", True), ("sub/noxfile.py", False), ("pkg/migrations/0001.py", True), ("docs/conf.py", True),
    ("src/docs/x.py", False), ("pkg/a_pb2.py", True), ("pkg/core.py", False),
])
def test_default_missing_test_exemptions_keep_their_anchoring(path, exempt):
    assert paths.matches_any(path, config.KEYS["missing_test_exempt"].default) is exempt


def test_checklist_globs_use_the_same_matcher():
    checklist = parse_checklist(
        'schema_version = 1\nid = "x"\ntitle = "X"\n[[items]]\nid = "i"\ntitle = "I"\n'
        'check = { changed = ["tests/*.py"] }\n', "x.toml")
    status = {p: evaluate([checklist], Inputs(paths=(p,)))[0].items[0].status
              for p in ("tests/a.py", "tests/unit/a.py")}
    assert status == {"tests/a.py": Status.PASS, "tests/unit/a.py": Status.FAIL}


def test_builtin_component_test_item_still_sees_nested_component_tests():
    item = next(i for c in builtin_checklists() if c.id == "minimum-per-feature" for i in c.items
                if any(child.kind == "changed" and "tests/component/*" in child.refs
                       for child in i.check.children))
    globs = next(child.refs for child in item.check.children if child.kind == "changed")
    assert paths.matches_any("pkg/tests/component/deep/test_x.py", globs)
    assert paths.matches_any("tests/component/sub/test_x.py", globs)
    assert not paths.matches_any("tests/unit/test_x.py", globs)


def test_coverage_omit_patterns_are_read_like_coverage_writes_them(tmp_path):
    omit = ["*/migrations/*", f"{tmp_path.as_posix()}/gen/*", "/elsewhere/*", "settings.py"]
    assert coverage.omit_patterns(omit, tmp_path) == ["**/migrations/*", "/gen/*", "settings.py"]
    report = {"files": {p: {"executable_lines": [1], "missing_lines": []}
                        for p in ("app/migrations/0001.py", "gen/x.py", "app/core.py", "a/b/settings.py")},
              "omit": omit, "errors": {}}
    files, omitted, _ = coverage.parse_report(json.dumps(report), tmp_path)
    assert set(files) == {"app/core.py"}
    assert sorted(omitted) == ["a/b/settings.py", "app/migrations/0001.py", "gen/x.py"]


def test_invalid_patterns_are_configuration_errors(tmp_path):
    (tmp_path / "readiness.toml").write_text('exclude = ["!"]\n')
    with pytest.raises(ConfigError, match="exclude has an invalid pattern"):
        config.load(tmp_path)


@pytest.mark.parametrize("key", ["test_globs", "exclude", "include", "missing_test_exempt", "secret_allowlist_paths",
                                 "hot_paths"])
def test_a_pattern_whose_regex_does_not_compile_is_a_configuration_error(tmp_path, key):
    (tmp_path / "readiness.toml").write_text(f'{key} = ["src/[z-a]"]\n')
    with pytest.raises(ConfigError, match=rf"{key} has an invalid pattern 'src/\[z-a\]' \(bad character range z-a\)$"):
        config.load(tmp_path)


def test_git_pathspecs_select_what_the_matcher_selects(git_repo):
    files = ["top.py", "src/x.py", "src/core/a/b.py", "src/core/a/b.txt", "docs/readme.md", "pkg/tasks.py"]
    for name in files:
        git_repo.write(name, "x\n")
    git_repo.commit("files")
    for patterns in (["src/*"], ["*.py"], ["src/core"], ["**/core/**", "!**/*.txt"], ["/top.py", "docs/"]):
        listed = git_repo.git("ls-files", "--", *paths.git_pathspecs(patterns)).split()
        assert sorted(listed) == sorted(p for p in files if paths.matches_any(p, patterns)), patterns
