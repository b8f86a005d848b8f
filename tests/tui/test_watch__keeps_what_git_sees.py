"""The watcher's filtering: git's bookkeeping and readiness's own state never count, HEAD and branch moves do,
ignored files are dropped by git's own rules (tracked files always count)."""

from __future__ import annotations

from readiness.tui.watch import Classifier, not_ignored


def test_git_internals_count_only_when_head_or_a_branch_moves(git_repo):
    root = git_repo.path.resolve()
    classifier = Classifier(root, root / ".git")
    for path in (".git/HEAD", ".git/logs/HEAD", ".git/refs/heads/main", ".git/packed-refs", ".git/ORIG_HEAD"):
        assert classifier.keep(str(root / path)), path
    for path in (".git/index", ".git/index.lock", ".git/objects/ab/cdef", ".git/readiness/checklists.json",
                 ".git/refs/heads/main.lock", ".git/COMMIT_EDITMSG"):
        assert not classifier.keep(str(root / path)), path
    for path in ("pkg/__pycache__/x.cpython-311.pyc", "notes.txt~", "vendor/.git/HEAD"):
        assert not classifier.keep(str(root / path)), path
    assert classifier.keep(str(root / "pkg/payments.py"))
    paths, git = classifier.split([str(root / "pkg/a.py"), str(root / ".git/index")])
    assert (paths, git) == ({"pkg/a.py"}, False)
    paths, git = classifier.split([str(root / ".git/refs/heads/main")])
    assert (paths, git) == (set(), True)


def test_ignored_files_are_dropped_but_tracked_ones_count(git_repo):
    git_repo.write(".gitignore", "build/\n*.log\n")
    git_repo.write("kept.log", "tracked although ignored\n")
    git_repo.git("add", "-f", "kept.log", ".gitignore")
    git_repo.commit("ignore rules", add_all=False)
    kept = not_ignored(git_repo.path, ["build/out.o", "debug.log", "kept.log", "src/app.py"])
    assert kept == {"kept.log", "src/app.py"}
