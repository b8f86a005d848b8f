"""`_source/branch.py`: the branch's own lines in a diff and in an `--all` audit (from the repository's diff), none
for a repository view that cannot say, and the docs-scope reason built on the changed files."""

from __future__ import annotations

from readiness.core.scan._source.branch import NOT_ON_BRANCH, branch_lines, is_new, on_branch, touched
from readiness.core.scan.base import ScanContext, SourceFile
from readiness.core.scan.scanners._docs_scope import docs_scope_reason


def _by_path(ctx: ScanContext) -> dict[str, SourceFile]:
    return {f.path: f for f in ctx.files}


def test_all_scope_reads_the_branch_lines_from_the_repository(git_repo, scan_context):
    git_repo.write("pkg/old.py", "A = 1\nB = 2\n")
    git_repo.write("pkg/kept.py", "C = 3\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("pkg/old.py", "A = 1\nB = 20\n")
    git_repo.write("pkg/new.py", "D = 4\n")
    git_repo.commit("change")
    for scope in ("diff", "all"):
        ctx = scan_context(git_repo, scope)
        files = _by_path(ctx)
        assert branch_lines(ctx, files["pkg/old.py"]) == frozenset({2})
        assert on_branch(ctx, files["pkg/old.py"], 2) and not on_branch(ctx, files["pkg/old.py"], 1)
        assert is_new(ctx, files["pkg/new.py"]) and not is_new(ctx, files["pkg/old.py"])
        assert touched(ctx, files["pkg/new.py"])
    audit = scan_context(git_repo, "all")
    assert branch_lines(audit, _by_path(audit)["pkg/kept.py"]) == NOT_ON_BRANCH


class NoDiffRepository:
    def all_paths(self):
        return ["a.py"]

    def read_text(self, path):
        return "X = 1\n"

    def grep(self, pattern, pathspecs=()):
        return []


def test_a_view_that_cannot_diff_has_no_branch_lines():
    source = SourceFile("a.py", "X = 1\n", language="python")
    ctx = ScanContext(files=[source], repo=NoDiffRepository(), scope="all")
    assert not touched(ctx, source) and not is_new(ctx, source)


def test_docs_scope_reason_names_what_the_change_touches():
    readme = SourceFile("README.md", "# x\n", language="markdown")
    internal = SourceFile("pkg/util.py", "def f():\n    return 1\n", language="python")
    cli = SourceFile("pkg/cli.py", "p.add_argument('--x')\n", language="python")
    repo = NoDiffRepository()
    assert docs_scope_reason(ScanContext(files=[internal], repo=repo)) is None
    assert docs_scope_reason(ScanContext(files=[internal, readme], repo=repo)) == "the change edits README.md"
    assert "command-line arguments" in (docs_scope_reason(ScanContext(files=[cli], repo=repo)) or "")
    assert "--all" in (docs_scope_reason(ScanContext(files=[internal], repo=repo, scope="all")) or "")
