"""A shallow clone (CI's depth 1) whose merge-base was not fetched: a RepoError telling how to deepen, never a
silent two-dot diff that would blame the branch for the base's changes."""

from __future__ import annotations

import pytest

from readiness.core.errors import RepoError
from readiness.core.repo import open_repository


@pytest.fixture(scope="module")
def origin(make_git_repo, tmp_path_factory):
    upstream = make_git_repo("upstream")
    upstream.write("a.py", "a\n")
    upstream.commit("branch point")
    upstream.git("checkout", "-q", "-b", "feature")
    upstream.write("f.py", "feature\n")
    upstream.commit("feature work")
    upstream.git("checkout", "-q", "main")
    upstream.write("m.py", "main moved on\n")
    upstream.commit("main work")
    bare = tmp_path_factory.mktemp("origin") / "origin.git"
    upstream.git("clone", "-q", "--bare", str(upstream.path), str(bare))
    return upstream, bare


def _clone(origin, tmp_path, depth: int):
    upstream, bare = origin
    work = tmp_path / f"depth{depth}"
    upstream.git("clone", "-q", f"--depth={depth}", "--no-single-branch", f"file://{bare}", str(work))
    clone = type(upstream)(work)
    clone.git("checkout", "-q", "feature")
    return clone


def test_missing_merge_base_in_a_shallow_clone_asks_to_deepen(origin, tmp_path):
    clone = _clone(origin, tmp_path, depth=1)
    assert clone.git("rev-parse", "--is-shallow-repository").strip() == "true"
    with open_repository(clone.path) as repo:  # opening works: --all, blockers, checklists need no merge-base
        assert repo.merge_base is None
        assert "f.py" in repo.all_paths()
        with pytest.raises(RepoError) as info:
            repo.changes()  # the diff scope cannot be computed: never a silent two-dot fallback
    message = str(info.value)
    assert "shallow clone" in message
    assert "git fetch --deepen" in message and "--unshallow" in message
    assert "\n" not in message


def test_a_shallow_clone_deep_enough_works(origin, tmp_path):
    clone = _clone(origin, tmp_path, depth=2)
    with open_repository(clone.path) as repo:
        assert repo.shallow is True
        assert repo.base == "origin/main"
        assert repo.merge_base == origin[0].git("merge-base", "main", "feature").strip()
        assert sorted(repo.changes()) == ["f.py"]


def test_check_in_a_shallow_clone_is_exit_2_but_all_scope_works(origin, tmp_path, capsys):
    from readiness.cli import main

    clone = _clone(origin, tmp_path, depth=1)
    assert main(["check", "--repo", str(clone.path), "--format", "json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "git fetch --deepen" in err and err.count("\n") == 1
    assert main(["check", "--repo", str(clone.path), "--format", "json", "--all"]) in (0, 1)
    assert main(["blocker", "list", "--repo", str(clone.path)]) == 0
