"""Bounded work: the number of `git grep` calls of a check does not grow with the number of files or functions in
scope (below git's per-call pathspec chunk): one call per rule family, not per file or per chunk of names. Before,
the untested-function check asked git once per 60 function names (about 730 calls for 3,000 changed modules)."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

import pytest

from readiness.cli import main
from readiness.core import repo as repo_mod


def _tree(make_git_repo, modules: int):
    repo = make_git_repo(f"grep{modules}")
    repo.write("README.md", "# big\n\n## Usage\n\nx\n\n## Troubleshooting\n\ny\n")
    repo.write("pkg/__init__.py", "")
    for n in range(modules):
        repo.write(f"pkg/m{n}.py", f'"""M."""\n\n\ndef compute_{n}(x):\n    """C."""\n    return x * {n}\n')
        repo.write(f"tests/test_m{n}.py", f"from pkg.m{n} import compute_{n}\n\n\ndef test_c():\n"
                                          f"    assert compute_{n}(1) == {n}\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    for n in range(modules):  # every module gains a public function that no test mentions
        repo.write(f"pkg/m{n}.py", f'"""M."""\n\n\ndef compute_{n}(x):\n    """C."""\n    return x * {n}\n\n\n'
                                   f'def extra_{n}(y):\n    """E."""\n    return y - {n}\n')
    repo.commit("feature")
    return repo


def _run_counting(monkeypatch, repo, *extra: str) -> tuple[int, dict]:
    calls = []
    real = repo_mod.Repository.grep

    def counting(self, pattern, pathspecs=()):
        calls.append(pattern)
        return real(self, pattern, pathspecs)

    monkeypatch.setattr(repo_mod.Repository, "grep", counting)
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["check", "--repo", str(repo.path), "--base", "main", "--format", "json", *extra])
    assert code in (0, 1)
    return len(calls), json.loads(out.getvalue())


@pytest.mark.parametrize("scope", [[], ["--all"]], ids=["diff", "all"])
def test_git_grep_calls_stay_the_same_for_four_times_the_files(make_git_repo, monkeypatch, scope):
    small, big = _tree(make_git_repo, 70), _tree(make_git_repo, 280)
    calls_small, report_small = _run_counting(monkeypatch, small, *scope)
    calls_big, report_big = _run_counting(monkeypatch, big, *scope)
    assert calls_big == calls_small
    untested = [f for f in report_big["findings"] if f["rule"] == "missing-test/untested-function"]
    if not scope:  # the diff scope judges the changed functions: every extra_N is reported, no compute_N
        assert len(untested) == 280
        assert all("extra_" in f["message"] for f in untested)
