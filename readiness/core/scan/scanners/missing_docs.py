"""Missing documentation: "Docs explain usage + recovery" (Definition of Ready for Review) and section 16.

- `no-readme` (error): the repository has no README (reported on the configured `docs_file`, `README.md`); a README
  deleted in the work tree counts as none, even while git still lists it.
- `no-usage-section` / `no-recovery-section` (warning): the README has no heading naming usage (or recovery /
  troubleshooting). Headings come from parsing Markdown with markdown-it-py (never from inside code blocks) or
  reStructuredText underlines; a documentation file named after the section (`docs/troubleshooting.md`) counts.
- `undocumented-command` (warning): a console script, npm bin, Go command or CLI sub-command the project declares
  that neither the README nor the docs/ folder mention. A nested sub-command is named by its full path
  (`tool checklist uncheck`) and is documented by that path, or by its own name on a line or under a heading that
  names the sub-command it belongs to.
- `missing-docstring` (warning): a public Python function, method or class added or changed on the branch without
  a docstring (in `--all` too: the branch's lines come from `_source/branch.py`) (judged on the AST, parsed once per file and shared through `ctx.cache`).
- `changelog-untouched` (info, diff scope): a CHANGELOG exists but a change to public code did not touch it.

README-level findings are repository-level: reported in every run, on the README's path with no line. They block
(warning) only a branch that changes the docs, the public interface or an entry point, and every `--all` audit;
on any other branch the usage, recovery and command gaps are info notes, shown once (`_docs_scope`). No README at
all stays an error.
"""

from __future__ import annotations

import ast
import dataclasses
import posixpath
import re
from collections.abc import Iterator
from functools import lru_cache

from readiness.core.models import Severity
from readiness.core.scan._source.branch import branch_lines, on_branch, touched
from readiness.core.scan._source.code import TESTED_LANGUAGES, all_paths, read, setting
from readiness.core.scan._source.definitions import definitions
from readiness.core.scan._source.grep import grep_literals, word_alternation
from readiness.core.scan._source.headings import heading_lines, headings, intro_example, markdown_headings, rst_headings
from readiness.core.scan._source.project import (
    EntryPoint,
    EntryPointKind,
    doc_files,
    entry_points,
    in_work_tree,
    mentioned,
    readme_path,
    stem_words,
)
from readiness.core.scan._source.pyast import python_tree
from readiness.core.scan._source.sub_commands import sub_commands

__all__ = ["RULES", "SCANNER", "intro_example", "markdown_headings", "rst_headings"]
from readiness.core.scan.base import RawFinding, Rule, ScanContext, SourceFile, matches_any
from readiness.core.scan.scanners._docs_scope import docs_scope_reason

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO


def _rule(rid: str, severity: Severity, title: str, what: str, why: str, fix: str, example: str) -> Rule:
    return Rule(f"missing-docs/{rid}", "missing-docs", severity, title, what, why, fix, example)


_WHY = ('Definition of "Ready for Review": "Docs explain usage + recovery"; section 16 asks for "How-to guides '
        '(install, configure, operate, troubleshoot)". A gap of the repository blocks the branches that change what '
        'the docs describe (the docs, the public interface, an entry point).')
RULES = {r.id: r for r in (
    _rule("no-readme", _E, "No README", "The repository has no README (README.md, README.rst, README...).", _WHY,
          "Add README.md with what the project does, a Usage section with an example, and a Troubleshooting section.",
          "(no README.md at the repository root)"),
    _rule("no-usage-section", _W, "README without usage",
          "No README heading names usage (Usage, Getting started, Quick start, Examples... see "
          "`docs_usage_sections`), the introduction shows no code example, and no docs file is named after one.",
          _WHY,
          "Add a `## Usage` section with a command or code example a reader can copy.",
          "# mytool\nA tool.\n## Install\npip install mytool"),
    _rule("no-recovery-section", _W, "README without recovery / troubleshooting",
          "No README heading names recovery (Troubleshooting, Recovery, FAQ, Known issues... see "
          "`docs_recovery_sections`), and no docs file is named after one.", _WHY,
          "Add a `## Troubleshooting` section: the errors users meet, what they mean, how to recover.",
          "# mytool\n## Usage\nmytool run"),
    _rule("undocumented-command", _W, "Command the docs never mention",
          "A console script, npm bin, Go command or CLI sub-command the project declares that neither the README nor "
          "the files under docs/ mention.", "A command nobody documented is a command nobody can use or recover.",
          "Mention the command in the README's usage section with an example.",
          '[project.scripts]\nmytool-admin = "mytool.admin:main"   # README never says mytool-admin'),
    _rule("missing-docstring", _W, "Public API without a docstring",
          "A public Python function, method or class added in the diff without a docstring.",
          "Public API is what other people call; the docstring is where they learn how.",
          "Add a one-line docstring saying what it does (and what it raises).",
          "def refund(order, amount):\n    return gateway.refund(order.id, amount)"),
    _rule("changelog-untouched", _I, "CHANGELOG not updated",
          "The repository keeps a CHANGELOG, and this change alters public code without touching it.",
          "Users read the changelog to learn what changed.", "Add an entry describing the change.",
          "CHANGELOG.md unchanged while pkg/api.py gained def refund(...)"),
)}

NO_README, NO_USAGE, NO_RECOVERY = "missing-docs/no-readme", "missing-docs/no-usage-section", \
    "missing-docs/no-recovery-section"
UNDOCUMENTED, DOCSTRING, CHANGELOG = "missing-docs/undocumented-command", "missing-docs/missing-docstring", \
    "missing-docs/changelog-untouched"

_CHANGELOG = re.compile(r"(?i)^(changelog|changes|history|news|releases?)(\.(md|rst|txt|markdown|adoc))?$")
_FRAGMENTS = re.compile(r"(?i)(^|/)(changelog\.d|changelogs|changes|newsfragments|news|\.changeset|changelog)/")
_PUBLIC_CHANGE = re.compile(r"^\s*(?:async\s+def|def|class)\s+[A-Za-z]|^\s*export\s|^\s*pub\s|^\s*public\s|"
                            r"^func\s+(?:\([^)]*\)\s*)?[A-Z]")
_SKIP_DECORATORS = ("overload", "typing.overload", "override", "typing.override")


def _matches_section(title: str, names: list[str]) -> bool:
    lowered = " ".join(re.sub(r"[^\w\s]", " ", title.lower()).split())
    return any(re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", lowered) for name in names)


def sections_present(ctx: ScanContext) -> dict[str, bool]:
    """Whether the usage and recovery sections exist, in the README or as documentation files named after them."""
    def compute() -> dict[str, bool]:
        path, exists = readme_path(ctx)
        titles = headings(path, read(ctx, path) or "") if exists else []
        usage = list(setting(ctx, "docs_usage_sections") or ())
        recovery = list(setting(ctx, "docs_recovery_sections") or ())
        found = {"usage": any(_matches_section(t, usage) for t in titles) or (exists and intro_example(
                     path, read(ctx, path) or "")),
                 "recovery": any(_matches_section(t, recovery) for t in titles)}
        for doc in doc_files(ctx):
            if doc == path:
                continue
            words = " ".join([stem_words(doc), *(p.replace("-", " ").replace("_", " ")
                                                 for p in doc.split("/")[:-1])])
            for section, names in (("usage", usage), ("recovery", recovery)):
                found[section] = found[section] or (_matches_section(words, names) and in_work_tree(ctx, doc))
        return found

    return ctx.cached("missing-docs:sections", compute)


# -- the scanner -----------------------------------------------------------------------------------------------------

class MissingDocsScanner:
    name = "missing-docs"
    rules = RULES

    def scan(self, ctx: ScanContext) -> Iterator[RawFinding]:
        for raw in (*_readme(ctx), *_commands(ctx)):
            yield raw if raw.rule == NO_README or docs_scope_reason(ctx) else _not_blocking(raw)
        for source in ctx.files:  # in --all too, on the branch's lines: never fewer findings than a diff
            if ctx.cancelled():
                return
            yield from _docstrings(ctx, source)
        if ctx.scope == "diff":
            yield from _changelog(ctx)


def _not_blocking(raw: RawFinding) -> RawFinding:
    """A repository-level docs gap on a branch that changes neither the docs, the public interface nor an entry
    point: an info note, shown once, that does not block the branch (see `_docs_scope`)."""
    return dataclasses.replace(raw, severity=_I, message=f"{raw.message}; not this branch's to fix: it changes "
                               "neither the docs, the public interface nor an entry point")


def _readme(ctx: ScanContext) -> Iterator[RawFinding]:
    path, exists = readme_path(ctx)
    if not exists:
        message = "no README: add README.md with usage and troubleshooting sections"
        if path in all_paths(ctx):  # listed by git, gone from the work tree
            message = (f"no README: {path} is deleted in the work tree; restore it (`git restore -- {path}`) or "
                       "add a README with usage and troubleshooting sections")
        yield RawFinding(NO_README, path, None, message, key="no-readme")
        return
    present = sections_present(ctx)
    if not present["usage"]:
        yield RawFinding(NO_USAGE, path, None, f"{path} has no usage section (a heading such as Usage, Getting "
                         "started or Examples)", key="no-usage")
    if not present["recovery"]:
        yield RawFinding(NO_RECOVERY, path, None, f"{path} has no recovery section (a heading such as "
                         "Troubleshooting, Recovery or FAQ)", key="no-recovery")


def _owner(sub: EntryPoint, scripts: list[EntryPoint]) -> EntryPoint | None:
    """The console script a sub-command belongs to: the one whose target module declares it, else the only script
    whose package holds it."""
    module = posixpath.splitext(sub.path)[0].replace("/", ".")
    exact = [s for s in scripts if s.target.partition(":")[0].strip() and
             module.endswith(s.target.partition(":")[0].strip())]
    if len(exact) == 1:
        return exact[0]
    tops = [s for s in scripts if f"{s.target.partition(':')[0].strip().split('.')[0]}." in f"{module}."]
    return tops[0] if len(tops) == 1 else None


def _commands(ctx: ScanContext) -> Iterator[RawFinding]:
    """Declared commands the docs never mention. A sub-command is reported only when the command (or sub-command)
    it belongs to is documented (otherwise that one's finding says it, and names how many sub-commands it has).
    Nested sub-commands are named by their full path (`tool checklist uncheck`)."""
    scripts = [e for e in entry_points(ctx) if e.kind != EntryPointKind.MODULE]
    subs = sub_commands(ctx)
    if not scripts and not subs:
        return
    path, _ = readme_path(ctx)
    known = mentioned(ctx, {e.name for e in (*scripts, *subs) if " " not in e.name})
    known |= documented_sub_commands(ctx, {s.name for s in subs if " " in s.name})
    owners = {id(sub): _owner(sub, scripts) for sub in subs}
    reported: set[str] = set()

    def children(owner: EntryPoint | None, parent: str | None) -> int:
        return len({sub.name for sub in subs if owners[id(sub)] is owner and _parent(sub.name) == parent})

    for entry in scripts:
        if entry.name in known or entry.name in reported:
            continue
        reported.add(entry.name)
        where = f"{entry.path}:{entry.line}" if entry.line else entry.path
        yield RawFinding(UNDOCUMENTED, path, None,
                         f"command `{entry.name}` (declared in {where}) is not mentioned in the README or docs/"
                         f"{_nor(children(entry, None))}", snippet=entry.snippet, key=f"command:{entry.name}")
    for sub in subs:
        owner, parent = owners[id(sub)], _parent(sub.name)
        if sub.name in known or f"sub:{sub.name}" in reported or (owner is not None and owner.name not in known) \
                or (parent is not None and parent not in known):
            continue
        reported.add(f"sub:{sub.name}")
        full = f"`{owner.name} {sub.name}`" if owner is not None else f"`{sub.name}`"
        yield RawFinding(UNDOCUMENTED, path, None,
                         f"sub-command {full} (declared in {sub.path}:{sub.line}) is not mentioned in the README or "
                         f"docs/{_nor(children(owner, sub.name))}", snippet=sub.snippet, key=f"command:{sub.name}")


def _parent(name: str) -> str | None:
    return name.rsplit(" ", 1)[0] if " " in name else None


def _nor(count: int) -> str:
    return f", nor its {count} sub-command{'s' if count != 1 else ''}" if count else ""


def documented_sub_commands(ctx: ScanContext, names: set[str]) -> set[str]:
    """Which nested sub-commands (`checklist uncheck`) the documentation mentions: by their full path, or by their
    own name on a line that names the sub-command they belong to (`checklist list / show / uncheck`), or under a
    heading that does (`### readiness checklist`, then "`uncheck ID ITEM` withdraws a confirmation")."""
    if not names:
        return set()
    last = {name: name.rsplit(" ", 1)[1] for name in names}
    words = re.compile(r"(?<![\w-])(" + word_alternation(sorted(set(last.values()))) + r")(?![\w-])")
    found: set[str] = set()
    headings_of: dict[str, list[tuple[int, str]]] = {}
    for doc, number, text in grep_literals(ctx, set(last.values()), doc_files(ctx), words):
        present = set(words.findall(text))
        for name in names - found:
            if last[name] not in present:
                continue
            parent = name.rsplit(" ", 2)[-2]
            if _path_regex(name).search(text) or _word(parent).search(text):
                found.add(name)
                continue
            if doc not in headings_of:
                headings_of[doc] = heading_lines(doc, read(ctx, doc) or "")
            above = [title for line, title in headings_of[doc] if line <= number]
            if above and _word(parent).search(above[-1]):
                found.add(name)
    return found


@lru_cache(maxsize=256)
def _path_regex(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in name.split()) + r"(?![\w-])")


@lru_cache(maxsize=256)
def _word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


def _docstrings(ctx: ScanContext, source: SourceFile) -> Iterator[RawFinding]:
    if source.language != "python" or source.is_test or "def " not in source.text and "class " not in source.text:
        return
    if matches_any(source.path, setting(ctx, "missing_test_exempt") or ()):
        return
    # prefilter by line: only parse when a line of the branch defines something public
    if not touched(ctx, source) or branch_lines(ctx, source) is not None and not any(
            d.public and on_branch(ctx, source, d.line) for d in definitions(source)):
        return
    tree = python_tree(ctx, source)
    if tree is None:
        return
    for node, kind in _public_nodes(tree):
        if not on_branch(ctx, source, node.lineno) or ast.get_docstring(node, clean=False):
            continue
        yield RawFinding(DOCSTRING, source.path, node.lineno,
                         f"public {kind} {node.name} has no docstring")


def _decorator_names(node: ast.AST) -> list[str]:
    names = []
    for deco in getattr(node, "decorator_list", []):
        target = deco.func if isinstance(deco, ast.Call) else deco
        names.append(ast.unparse(target))
    return names


def _public_nodes(tree: ast.Module) -> Iterator[tuple[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, str]]:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
            if not _skipped(node):
                yield node, "function"
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            yield node, "class"
            for child in node.body:
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) and not child.name.startswith("_") \
                        and not _skipped(child):
                    yield child, "method"


def _skipped(node: ast.AST) -> bool:
    return any(name in _SKIP_DECORATORS or name.endswith((".setter", ".deleter")) for name in _decorator_names(node))


def _changelog(ctx: ScanContext) -> Iterator[RawFinding]:
    logs = [p for p in all_paths(ctx) if "/" not in p and _CHANGELOG.match(p)]
    if not logs:
        return
    changed = {s.path for s in ctx.files}
    if any(p in changed for p in logs) or any(_FRAGMENTS.search(p) for p in changed):
        return
    for source in ctx.files:
        if source.is_test or source.language not in TESTED_LANGUAGES:
            continue
        for number, text in enumerate(source.lines, start=1):
            if source.is_changed(number) and _PUBLIC_CHANGE.match(text) and not _private(text):
                yield RawFinding(CHANGELOG, sorted(logs)[0], None,
                                 f"{posixpath.basename(sorted(logs)[0])} was not updated, but public code changed "
                                 f"({source.path}:{number})", key="changelog")
                return


def _private(text: str) -> bool:
    match = re.match(r"^\s*(?:async\s+def|def|class)\s+(\w+)", text)
    return bool(match and match.group(1).startswith("_"))


SCANNER = MissingDocsScanner()
