"""Whether a change is one the repository-level docs gaps are about (issue 12, "docs findings scoped to the change").

The methodology asks "Docs explain usage + recovery" of a branch ready for review (Definition of "Ready for Review"),
and section 16 names the deliverables: "How-to guides (install, configure, operate, troubleshoot)". A README with
no troubleshooting section is a gap of the repository; it is the branch's to fix only when the branch changes what
the docs describe: the docs themselves, the public interface or an entry point. Any other branch sees the gap as a
note (info), reported once, that does not block it.

What counts, on the changed files of a diff:
- the README or a documentation file (`doc_files`: READMEs, top-level text files, docs/ doc/ man/), except an edit
  of the README's `## Blockers` log only (what `readiness blocker add` writes: the tool's own bookkeeping must not
  make the branch less ready);
- an entry point: the file declaring it (`__main__.py`, `cmd/x/main.go`, a CLI module declaring sub-commands), the
  module a console script targets, or a changed line of packaging metadata declaring scripts/entry points/bins (a
  line in a scripts or entry-points table, or naming them; comments and readiness's own `[tool.readiness]` table,
  which `readiness init` writes, are not);
- the public interface: a package's `__init__.py` (what `import pkg` exposes), a changed line naming `__all__`,
  or a changed line that defines command-line arguments (argparse, click, typer).
An `--all` audit judges the whole repository: every gap counts there.
"""

from __future__ import annotations

import posixpath
import re

from readiness.core.scan._source.project import doc_files, entry_points, readme_path
from readiness.core.scan._source.sub_commands import sub_commands
from readiness.core.scan.base import ScanContext, SourceFile

_PACKAGING = frozenset({"pyproject.toml", "setup.py", "setup.cfg", "package.json", "Cargo.toml"})
_ENTRY_WORDS = re.compile(r"scripts|entry[_-]?points|console|\bbin\b|\[\[bin\]\]")
_INTERFACE_LINE = re.compile(r"\b__all__\b|\.add_argument\(|\.add_parser\(|\.add_subparsers\(|@click\.|"
                             r"@\w+\.(?:command|group)\b|typer\.(?:Option|Argument)\(")


_ENTRY_TABLE = re.compile(r"^\[{1,2}\s*(?:project\.(?:gui-)?scripts|project\.entry-points(?:\.[^\]]+)?|"
                          r"tool\.poetry\.(?:scripts|plugins(?:\.[^\]]+)?)|options\.entry_points|bin)\s*\]{1,2}\s*$")
_TABLE = re.compile(r"^\[{1,2}\s*([^\]]+?)\s*\]{1,2}\s*(?:#.*)?$")


def _changed_text(source: SourceFile) -> list[str]:
    return [text for number, text in enumerate(source.lines, start=1) if source.is_changed(number)]


def _declares_entry_points(source: SourceFile) -> bool:
    """Whether a changed line of packaging metadata declares scripts, entry points or binaries: a line in such a
    table (`[project.scripts]`, `[options.entry_points]`, `[[bin]]`...) or one naming them (`entry_points=` in
    setup.py, `"bin":` in package.json). Comments and lines of readiness's own `[tool.readiness]` tables are not."""
    table = ""
    for number, text in enumerate(source.lines, start=1):
        stripped = text.strip()
        header = _TABLE.match(stripped) if stripped.startswith("[") and source.path.endswith((".toml", ".cfg")) else None
        if header is not None:
            table = header.group(1).strip().strip('"')
        if not source.is_changed(number) or not stripped or stripped.startswith(("#", "//", ";")):
            continue
        if table == "tool.readiness" or table.startswith("tool.readiness."):
            continue
        if _ENTRY_TABLE.match(f"[{table}]") or _ENTRY_WORDS.search(text):
            return True
    return False


def _only_blocker_log(source: SourceFile) -> bool:
    """Whether every changed line of the README lies in its `## Blockers` section (or is blank)."""
    from readiness.core.blockers.document import parse  # deferred: the Markdown parser only when a README changed

    section = parse(source.text).section
    if section is None:
        return False
    return all(section.heading + 1 <= number <= section.end or not text.strip()
               for number, text in enumerate(source.lines, start=1) if source.is_changed(number))


def _target_files(ctx: ScanContext) -> set[str]:
    """Files entry points are declared in or point at (`pkg.cli:main` -> pkg/cli.py or pkg/cli/__init__.py)."""
    files: set[str] = set()
    for entry in (*entry_points(ctx), *sub_commands(ctx)):
        files.add(entry.path)
        module = entry.target.partition(":")[0].strip()
        if module and "/" not in module and " " not in module:
            stem = module.replace(".", "/")
            files.update({f"{stem}.py", f"{stem}/__init__.py", f"src/{stem}.py", f"src/{stem}/__init__.py"})
    return files


def docs_scope_reason(ctx: ScanContext) -> str | None:
    """Why this run's repository-level docs gaps are the change's to fix (None: they are not; an info note)."""
    def compute() -> str | None:
        if ctx.scope != "diff":
            return "an --all audit judges the whole repository"
        docs = {readme_path(ctx)[0], *doc_files(ctx)}
        targets: set[str] | None = None
        for source in ctx.files:
            name = posixpath.basename(source.path)
            if source.path in docs:
                if source.path == readme_path(ctx)[0] and _only_blocker_log(source):
                    continue  # the blocker log readiness keeps in the README
                return f"the change edits {source.path}"
            if source.is_test:
                continue
            if name in _PACKAGING and _declares_entry_points(source):
                return f"the change edits the entry points declared in {source.path}"
            if name == "__init__.py" and source.language == "python":
                return f"the change edits the public interface ({source.path})"
            if any(_INTERFACE_LINE.search(t) for t in _changed_text(source)):
                return f"the change edits the public interface ({source.path}: __all__ or command-line arguments)"
            targets = _target_files(ctx) if targets is None else targets
            if source.path in targets:
                return f"the change edits an entry point ({source.path})"
        return None

    return ctx.cached("missing-docs:scope-reason", compute)
