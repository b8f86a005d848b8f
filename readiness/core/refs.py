"""Branch, HEAD, base and merge-base of an opened repository (`repo.open_repository`, `Repository.use_base`).

`resolve` fills them in through GitPython's handle and plain git; every name it stores goes through the one masking
path for names (`names.shown_name`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from readiness.core.errors import RepoError, UsageError
from readiness.core.git_cli import config_value
from readiness.core.names import shown_name

if TYPE_CHECKING:
    from readiness.core.repo import Repository

BASE_CANDIDATES = ("origin/main", "origin/master", "main", "master", "trunk", "develop")


def resolve(repo: Repository, handle: Any, base: str | None) -> None:
    try:
        _resolve_refs(repo, handle, base)
    finally:  # what is shown and stored goes through the one masking path for names
        repo.branch = shown_name(repo.ref_name) if repo.ref_name is not None else None
        repo.base = shown_name(repo.base) if repo.base is not None else None
        repo.notes = [shown_name(note) for note in repo.notes]
        repo.diff_notes = [shown_name(note) for note in repo.diff_notes]
        if repo.scope_problem is not None:
            repo.scope_problem = shown_name(repo.scope_problem)


def _resolve_refs(repo: Repository, handle: Any, base: str | None) -> None:
    head = handle.head
    if not head.is_detached:
        repo.ref_name = head.reference.name  # unborn branches too; None when detached
    repo.head = head.commit.hexsha if head.is_valid() else None
    if repo.head is None:
        repo.notes.append("no commits yet: every file is treated as new")
        if base:
            repo.notes.append(f"--base {shown_name(base)} ignored: the repository has no commits yet")
        return
    if repo.ref_name is None:
        repo.notes.append(f"detached HEAD at {repo.head[:7]}")
    if base is not None:
        if ".." in base or base.startswith("^"):
            raise UsageError(f"--base takes one branch, tag or commit, not the range {shown_name(base)!r}: readiness "
                             "compares HEAD and your uncommitted changes with their merge-base with it (check out "
                             "the feature branch and pass --base with the branch it goes into, e.g. --base main)")
        base_commit = _commit_of(repo, base)
        if base_commit is None:
            raise RepoError(f"base {shown_name(base)!r} is not a commit in this repository "
                            "(check the name, or `git fetch` it first, then pass --base REF)")
        repo.base = base
    else:
        repo.base, base_commit = _detect_base(repo)
        if repo.base is None:
            tried = ", ".join(BASE_CANDIDATES)
            repo.notes.append(f"no base branch found (tried the upstream's remote HEAD, {tried}): scanning "
                              "uncommitted changes only; pass --base REF to compare against a branch")
            return
    merge_bases = handle.merge_base(repo.head, base_commit)  # [] when there is none (or a shallow clone)
    repo.merge_base = merge_bases[0].hexsha if merge_bases else None
    if repo.merge_base is None:  # never fall back to a two-dot diff: it would blame base-only changes on HEAD
        if repo.shallow:
            repo.scope_problem = (f"shallow clone: the merge-base of HEAD and {repo.base} was not fetched; run "
                                  "`git fetch --deepen=100` (or `git fetch --unshallow`) and try again, "
                                  "or scan every file with --all")
        else:
            repo.scope_problem = (f"HEAD and {repo.base} share no history: pass --base REF with a related branch, "
                                  "or scan every file with --all")
    elif repo.merge_base == repo.head == base_commit:
        repo.diff_notes.append(f"HEAD is at the base {repo.base}: the changes are the uncommitted ones")


def _commit_of(repo: Repository, ref: str) -> str | None:
    if not ref or ref.startswith("-"):
        return None
    out = repo.git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}", ok=(0, 1, 128))
    return out.strip() or None


def _detect_base(repo: Repository) -> tuple[str | None, str | None]:
    """The current branch's remote's HEAD target (origin when it tracks nothing), then BASE_CANDIDATES."""
    remote = "origin"
    if repo.ref_name:
        key = f"branch.{repo.ref_name}.remote"
        if repo.config_listing is not None:  # the configuration read when the repository was opened
            configured = (config_value(repo.config_listing, key) or "").strip()
        else:
            configured = repo.git("config", "--get", key, ok=(0, 1, 2)).strip()
        if configured and configured != ".":
            remote = configured
    remote_head = repo.git("symbolic-ref", "--quiet", "--short", f"refs/remotes/{remote}/HEAD", ok=(0, 1, 128))
    # A feature branch is never its own base, even when the remote's HEAD points at it.
    own = set() if repo.ref_name in (None, "main", "master", "trunk", "develop") else {repo.ref_name,
                                                                                        f"{remote}/{repo.ref_name}"}
    names = [c for c in (remote_head.strip(), *BASE_CANDIDATES)
             if c and c not in own and not c.startswith("-") and not any(ch.isspace() for ch in c)]
    # one `cat-file --batch-check` answers every candidate, in order ("<id> commit <size>" or "<name> missing")
    out = repo.git("cat-file", "--batch-check", ok=(0, 128), stdin="".join(f"{n}^{{commit}}\n" for n in names))
    for candidate, line in zip(names, out.splitlines(), strict=False):
        fields = line.split()
        if len(fields) == 3 and fields[1] == "commit":
            return candidate, fields[0]
    return None, None
