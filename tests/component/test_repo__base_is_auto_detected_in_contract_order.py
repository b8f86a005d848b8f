"""Base auto-detection: the remote's HEAD target first, then origin/main, origin/master, main, master, trunk,
develop; an explicit --base must exist."""

from __future__ import annotations

import pytest

from readiness.core.errors import RepoError
from readiness.core.repo import open_repository


@pytest.fixture(scope="module")
def cloned(make_git_repo, tmp_path_factory):
    """A clone of a bare origin whose HEAD points at `develop`; origin also has main and master."""
    upstream = make_git_repo("upstream")
    upstream.write("a.py", "x = 1\n")
    upstream.commit("initial")
    upstream.git("branch", "develop")
    upstream.git("branch", "master")
    bare = tmp_path_factory.mktemp("origin") / "origin.git"
    upstream.git("clone", "-q", "--bare", str(upstream.path), str(bare))
    upstream.git("--git-dir", str(bare), "symbolic-ref", "HEAD", "refs/heads/develop")
    clone = tmp_path_factory.mktemp("clone") / "work"
    upstream.git("clone", "-q", f"file://{bare}", str(clone))
    repo = type(upstream)(clone)
    repo.git("checkout", "-q", "-b", "feature")
    return repo


def test_the_remote_head_target_is_preferred(cloned):
    assert cloned.git("symbolic-ref", "refs/remotes/origin/HEAD").strip() == "refs/remotes/origin/develop"
    with open_repository(cloned.path) as repo:
        assert repo.base == "origin/develop"
        assert repo.merge_base == repo.head


def test_the_upstream_remote_head_wins_over_origin(cloned):
    cloned.git("remote", "add", "upstream", str(cloned.path / ".git"))
    cloned.git("update-ref", "refs/remotes/upstream/trunk", "HEAD")
    cloned.git("symbolic-ref", "refs/remotes/upstream/HEAD", "refs/remotes/upstream/trunk")
    cloned.git("config", "branch.feature.remote", "upstream")
    cloned.git("config", "branch.feature.merge", "refs/heads/feature")
    try:
        with open_repository(cloned.path) as repo:
            assert repo.base == "upstream/trunk"
    finally:
        cloned.git("config", "--unset", "branch.feature.remote")
        cloned.git("config", "--unset", "branch.feature.merge")
        cloned.git("remote", "remove", "upstream")


def test_without_a_remote_head_origin_main_comes_next(cloned):
    cloned.git("remote", "set-head", "origin", "--delete")
    try:
        with open_repository(cloned.path) as repo:
            assert repo.base == "origin/main"
    finally:
        cloned.git("remote", "set-head", "origin", "develop")


@pytest.mark.parametrize(("branches", "expected"), [
    (["main", "master", "trunk", "develop"], "main"),
    (["master", "trunk", "develop"], "master"),
    (["trunk", "develop"], "trunk"),
    (["develop"], "develop"),
])
def test_local_candidates_in_order(make_git_repo, branches, expected):
    repo = make_git_repo(branch="start")
    repo.write("a.py", "x = 1\n")
    repo.commit("initial")
    for name in branches:
        repo.git("branch", name)
    repo.git("checkout", "-q", "-b", "feature")
    repo.git("branch", "-D", "start")
    with open_repository(repo.path) as opened:
        assert opened.base == expected


@pytest.fixture(scope="module")
def local(make_git_repo):
    repo = make_git_repo()
    repo.write("a.py", "x = 1\n")
    repo.commit("initial")
    repo.git("tag", "v1")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("a.py", "x = 1\ny = 2\n")
    repo.commit("feature work")
    return repo


@pytest.mark.parametrize("base", ["main", "v1", "HEAD~1"])
def test_an_explicit_base_is_used(local, base):
    with open_repository(local.path, base=base) as repo:
        assert repo.base == base
        assert repo.merge_base == local.git("rev-parse", "main").strip()
        assert repo.changes()["a.py"].lines == frozenset({2})


@pytest.mark.parametrize("base", ["origin/nope", "no-such-branch", "--output=/tmp/x", "-h"])
def test_an_explicit_base_that_does_not_exist_is_a_repo_error(local, base):
    with pytest.raises(RepoError, match="is not a commit") as info:
        open_repository(local.path, base=base)
    assert "\n" not in str(info.value)


def test_unrelated_histories_are_a_repo_error(local):
    local.git("checkout", "-q", "--orphan", "island")
    local.commit("unrelated root")
    try:
        with open_repository(local.path, base="main") as repo, pytest.raises(RepoError, match="share no history"):
            repo.changes()
    finally:
        local.git("checkout", "-q", "-f", "feature")


def test_a_feature_branch_is_never_its_own_base(make_git_repo):
    repo = make_git_repo(branch="main")
    repo.write("a.py", "x = 1\n")
    repo.commit("initial")
    repo.git("checkout", "-q", "-b", "feature/pay")
    repo.write("b.py", "y = 2\n")
    repo.commit("feature work")
    repo.git("update-ref", "refs/remotes/origin/feature/pay", "HEAD")
    repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/feature/pay")
    with open_repository(repo.path) as opened:
        assert opened.base == "main"
        assert sorted(opened.changes()) == ["b.py"]
