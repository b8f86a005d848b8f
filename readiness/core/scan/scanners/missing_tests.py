"""Missing tests and the methodology's test checks ("Test Implementation Checklist", section 6.1).

- `no-test-file` (error, whole file): a changed or new source file with real logic that no test exercises (see
  `_test_index` for what counts as exercising: imports, naming, folders, package tests...).
- `untested-function` (warning, diff scope only): a public function added or changed in the diff whose name no
  test file mentions (only in files that do have tests: otherwise `no-test-file` already says it).
- `negative-test` (warning): none of the tests exercising the changed modules asserts a failure mode.
- `smoke-test` (warning): a declared entry point (console script, `__main__`, npm bin...) that no test starts.
- `hmac-verified` (warning): changed code signs or verifies with HMAC, and no test both signs and checks that
  tampered data fails verification.
- `flaky-quarantine` (warning): a test marked flaky without an issue reference next to the marker.
- `naming-convention` (info, off by default): a new test file not named `<scope>/test_<unit>__<behavior>.py`.

Each rule emits nothing when it does not apply; `applicability(ctx)` says which rules applied, for the checklist
engine (an item whose rule did not apply is `skip`, not `pass`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from readiness.core.models import Severity
from readiness.core.scan._source.branch import branch_lines, is_new, on_branch, touched
from readiness.core.scan._source.code import TESTED_LANGUAGES, needs_test, read, setting
from readiness.core.scan._source.grep import grep_literals, grep_words
from readiness.core.scan._source.project import entry_points
from readiness.core.scan._source.test_index import TestIndex, test_index
from readiness.core.scan._source.test_structure import (
    has_negative_test,
    has_tamper_test,
    may_be_negative,
    may_be_tamper,
    satisfied,
)
from readiness.core.scan.base import RawFinding, Rule, ScanContext, SourceFile, language_of
from readiness.core.scan.scanners._missing_lookups import cached_definitions, changed_in, prefetch_test_lines
from readiness.core.scan.scanners._smoke import LAUNCH_LITERALS, entry_words, shell_runs, starts

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO


def _rule(rid: str, severity: Severity, title: str, what: str, why: str, fix: str, example: str) -> Rule:
    return Rule(f"missing-test/{rid}", "missing-test", severity, title, what, why, fix, example)


NO_TEST_FILE = "missing-test/no-test-file"
UNTESTED_FUNCTION = "missing-test/untested-function"
NEGATIVE_TEST = "missing-test/negative-test"
SMOKE_TEST = "missing-test/smoke-test"
HMAC_VERIFIED = "missing-test/hmac-verified"
FLAKY_QUARANTINE = "missing-test/flaky-quarantine"
NAMING_CONVENTION = "missing-test/naming-convention"

RULES = {r.id: r for r in (
    _rule("no-test-file", _E, "Source file without tests",
          "A changed or new source file with real logic (functions with bodies) that no test file exercises: none "
          "imports it, none is named after it, no package test sits next to it.",
          "Unit tests for new logic are the methodology's minimum; an untested file is unverified behaviour.",
          "Add a test file that imports the module (e.g. tests/unit/test_<module>__<behavior>.py), or exempt the "
          "file with `missing_test_exempt` if it truly needs none.",
          "pkg/refunds.py is new, and no file under tests/ imports pkg.refunds or is named test_refunds*.py"),
    _rule("untested-function", _W, "Changed public function no test mentions",
          "A public function or method added or changed in the diff whose name appears in no test file.",
          "Tests should cover new decision branches; a function no test names is probably not exercised directly.",
          "Add a test that calls it, or waive the finding with a reason if it is covered indirectly.",
          "def partial_refund(order, amount):  # no test file mentions partial_refund"),
    _rule("negative-test", _W, "No negative test",
          "None of the tests that exercise the changed modules asserts a failure mode (pytest.raises, assertRaises, "
          "assertThrows, expect(...).toThrow, #[should_panic], an error-return check in Go).",
          "Test Implementation Checklist: a negative test for at least one failure mode.",
          "Add a test that drives one failure path and asserts it fails the right way.",
          "with pytest.raises(RefundError):\n    refund(order, amount=-1)"),
    _rule("smoke-test", _W, "Entry point without a smoke test",
          "The project declares an entry point (console script, `__main__.py`, npm bin, Cargo binary, Go cmd/) and "
          "no test starts it (`--help` through subprocess, CliRunner, `main([...])`).",
          "Test Implementation Checklist: a smoke test validates the CLI starts.",
          "Add tests/smoke/test_<cli>__exits_zero_help.py that runs `<cli> --help` and expects exit 0.",
          '[project.scripts]\nmytool = "mytool.cli:main"   # and no test runs mytool'),
    _rule("hmac-verified", _W, "HMAC without a tamper test",
          "Changed code signs or verifies with HMAC (hmac.new, compare_digest, createHmac, sign/verify functions) "
          "and no test both signs and asserts that verification fails on tampered data.",
          "Test Implementation Checklist: HMAC logic verified (sign + tamper fail).",
          "Add a test that signs a message, flips one byte of the message or the signature, and asserts "
          "verification fails.",
          "mac = hmac.new(key, body, hashlib.sha256)  # and no test checks a tampered body is rejected"),
    _rule("flaky-quarantine", _W, "Flaky test without an issue",
          "A test marked flaky (`@pytest.mark.flaky`, `@flaky`, `@Flaky`) with no issue reference in the marker or "
          "the comment next to it.",
          "Flakiness policy: quarantine within 24h, with an issue created with reproduction details.",
          "Link the issue next to the marker: `@pytest.mark.flaky(reruns=2)  # GH-123`.",
          "@pytest.mark.flaky(reruns=3)\ndef test_upload(): ..."),
    _rule("naming-convention", _I, "Test file naming",
          "A new test file not named `<scope>/test_<unit>__<expected_behavior>.py` (off by default: set "
          "`test_naming_convention = true`).",
          "Methodology 6.1 Test Naming Conventions: the name says the layer, the unit and the behaviour.",
          "Rename it, e.g. tests/unit/test_refunds__rejects_negative_amounts.py.",
          "tests/test_refunds.py"),
)}

# -- patterns ------------------------------------------------------------------------------------------------------

NEGATIVE_LITERALS = (
    "raises(", "assertRaises", "assert_raises", "toThrow", ".rejects", "assertThrows", "assertThatThrownBy",
    "assertThatExceptionOfType", "expectThrows", "should_panic", "is_err()", "unwrap_err(", "assert.Error",
    "require.Error", "assert.EqualError", "require.EqualError", "assert.Panics", "require.Panics", "err == nil",
    "err==nil", "wantErr", "Assert.Throws", "ThrowsAsync", "ExpectedException", "@Test(expected", "assertFailsWith",
    "shouldThrow", "raise_error", "expectException", "XCTAssertThrows", "EXPECT_THROW", "ASSERT_THROW",
    "EXPECT_DEATH", "CHECK_THROWS", "REQUIRE_THROWS", "to.throw", "assert.throws", "assert.rejects", "should.throw",
)
_HMAC_CALL = re.compile(r"\bhmac\.(?:new|compare_digest|HMAC|digest)\b|\bcompare_digest\(|createHmac\(|"
                        r"Mac\.getInstance\(\s*\"Hmac|\bHMACSHA\d+\b|\bhmac\.New\(|\bHmac<|\bHmac::|\bHMAC\(|"
                        r"OpenSSL::HMAC|hash_hmac\(")
HMAC_LITERALS = ("hmac", "HMAC", "Hmac", "compare_digest", "def sign", "def verify", "fn sign", "fn verify",
                 "function sign", "function verify", "func Sign", "func Verify", " sign(", " verify(", " Sign(",
                 " Verify(", ") Sign", ") Verify")
_SIGN_DEF = re.compile(r"^[ \t]*(?:(?:pub[ \t]+)?fn|(?:async[ \t]+)?def|(?:export[ \t]+)?(?:async[ \t]+)?function|"
                       r"func(?:[ \t]+\([^)]*\))?|(?:(?:public|private|protected|static|final)[ \t]+)+[\w<>\[\]]+)"
                       r"[ \t]+(?:[sS]ign|[vV]erify)(?:_\w+|[A-Z]\w*)?[ \t]*\(")
_HMAC_CONTEXT = re.compile(r"[Hh][Mm][Aa][Cc]|[Ss]ignature|[Dd]igest|hashlib|[Cc]rypto|[Ss]ecret|[Jj][Ww][Tt]")
_SIGN_WORDS = re.compile(r"(?i)hmac|sign|digest|signature|\bmac\b")
_TAMPER = re.compile(r"(?i)tamper|forg(?:e|ed|ery)|corrupt|(?:bad|wrong|invalid|modified|altered|flipped|mismatch\w*)"
                     r"[ _]?(?:sig|signature|mac|digest|hmac|payload|body|data|message|key|token)|"
                     r"assert\s+not\s+\w*verif|assertFalse\(\s*\w*\.?verif|verif\w*\([^)]*\)\s*(?:is|==)\s*False|"
                     r"raises\([^)]*(?:Signature|Integrity|Tamper|BadSig|InvalidSig|BadData|Invalid)|"
                     r"verif\w*\([^)]*\)\)\.toBe\(false\)|assertThrows\([^)]*Signature")
_FLAKY = re.compile(r"^\s*@[\w.]*\b[Ff]laky\w*|^\s*pytestmark\b.*\bflaky\b|\bflaky\s*=\s*True|"
                    r"^\s*@Tag\(\s*\"flaky\"|\bjest\.retryTimes\(")
_ISSUE_REF = re.compile(r"(?<![\w&])#\d+|\b(?:GH|gh)-\d+\b|\b[A-Z][A-Z0-9]+-\d+\b|/(?:issues|pull|merge_requests|"
                        r"browse|tickets?|bugs?)/\w+|show_bug\.cgi\?id=\d+|\bissue[s]?\s*[:#]?\s*\d+", re.I)
_NAMING = re.compile(r"^test_[a-z0-9_]+?__[a-z0-9_]+\.py$")
_SKIP_DECORATORS = ("overload", "typing.overload", "override", "typing.override", "abstractmethod",
                    "abc.abstractmethod")


# -- applicability ---------------------------------------------------------------------------------------------------

def _in_scope_tests(ctx: ScanContext) -> list[SourceFile]:
    return [s for s in ctx.files if s.is_test]


def _line_number(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _hmac_lines(ctx: ScanContext) -> dict[str, list[int]]:
    """Changed lines that sign or verify with HMAC, per in-scope source file: git grep finds candidate lines, the
    Python patterns confirm them, and the file must mention hmac/signature/digest/crypto somewhere. "Changed" is the
    branch's lines in both scopes (`_source.branch`): an --all audit asks for the tamper tests of the branch's HMAC
    code, as the diff does, not for every HMAC use the project ever had."""
    def compute() -> dict[str, list[int]]:
        sources = {s.path: s for s in ctx.files if not s.is_test and s.language in TESTED_LANGUAGES}
        out: dict[str, list[int]] = {}
        for path, number, text in grep_literals(ctx, HMAC_LITERALS, sorted(sources)):
            source = sources[path]
            if on_branch(ctx, source, number) and (_HMAC_CALL.search(text) or _SIGN_DEF.match(text)):
                out.setdefault(path, []).append(number)
        return {p: lines for p, lines in out.items()
                if _HMAC_CONTEXT.search(sources[p].text) and needs_test(ctx, sources[p])}

    return ctx.cached("missing-test:hmac-lines", compute)


def _naming_enabled(ctx: ScanContext) -> bool:
    return bool(setting(ctx, "test_naming_convention"))


def applicability(ctx: ScanContext) -> dict[str, bool]:
    """Which missing-test rules applied to this run (False: the checklist item is `skip`, not `pass`).

    Cheap after a scan: everything it needs is cached in `ctx.cache` by the scan itself.
    """
    index = test_index(ctx)
    tests = _in_scope_tests(ctx)
    return {
        NO_TEST_FILE: bool(index.subjects),
        UNTESTED_FUNCTION: any(touched(ctx, s) for s in index.subjects),
        NEGATIVE_TEST: bool(index.subjects),
        SMOKE_TEST: bool(entry_points(ctx)),
        HMAC_VERIFIED: bool(_hmac_lines(ctx)),
        FLAKY_QUARANTINE: bool(tests),
        NAMING_CONVENTION: _naming_enabled(ctx) and any(_naming_candidate(ctx, s) for s in tests),
    }


def not_applicable(ctx: ScanContext) -> dict[str, str]:
    """Why each rule that did not apply to this run did not (for the checklist's "does not apply: ..." detail)."""
    applied = applicability(ctx)
    needs = "no source file in scope has logic that needs a test"
    why = {
        NO_TEST_FILE: needs,
        UNTESTED_FUNCTION: needs if ctx.scope == "diff" else "no source file in scope was changed on the branch",
        NEGATIVE_TEST: needs,
        SMOKE_TEST: "the project declares no entry point (console script, __main__.py, npm bin, Cargo binary, "
                    "Go cmd/)",
        HMAC_VERIFIED: "no changed code signs or verifies with HMAC",
        FLAKY_QUARANTINE: "no test file in scope",
        NAMING_CONVENTION: "no new Python test file in scope" if _naming_enabled(ctx)
        else "test_naming_convention is off",
    }
    return {rule: why[rule] for rule, ok in applied.items() if not ok}


# -- the scanner -----------------------------------------------------------------------------------------------------

class MissingTestScanner:
    name = "missing-test"
    rules = RULES

    def scan(self, ctx: ScanContext) -> Iterator[RawFinding]:
        prefetch_test_lines(ctx)
        index = test_index(ctx)
        yield from _no_test_file(ctx, index)
        if ctx.cancelled():
            return
        yield from _untested_functions(ctx, index)  # in --all too, on the branch's lines: never fewer findings
        yield from _negative_test(ctx, index)
        yield from _smoke_test(ctx, index)
        yield from _hmac_verified(ctx, index)
        for source in _in_scope_tests(ctx):
            yield from _flaky(source)
            if _naming_enabled(ctx) and _naming_candidate(ctx, source) and not _well_named(ctx, source.path):
                yield RawFinding(NAMING_CONVENTION, source.path, None,
                                 f"{source.path} is not named <scope>/test_<unit>__<expected_behavior>.py",
                                 key="naming")


def _hint(path: str) -> str:
    stem = PurePosixPath(path).stem
    suffix = PurePosixPath(path).suffix
    return {
        ".py": f"test_{stem}*.py, or a test importing it",
        ".go": f"{stem}_test.go or another _test.go in the package",
        ".java": f"{stem}Test.java", ".kt": f"{stem}Test.kt", ".cs": f"{stem}Tests.cs", ".rs": "#[cfg(test)] or tests/",
        ".rb": f"{stem}_spec.rb or {stem}_test.rb", ".php": f"{stem}Test.php", ".swift": f"{stem}Tests.swift",
    }.get(suffix, f"{stem}.test{suffix} or {stem}.spec{suffix}" if suffix in (".js", ".ts", ".tsx", ".jsx", ".mjs")
          else f"test_{stem}{suffix}")


def _no_test_file(ctx: ScanContext, index: TestIndex) -> Iterator[RawFinding]:
    for source in index.subjects:
        if not index.exercised(source.path):
            what = ("new file" if is_new(ctx, source) else "changed file") if touched(ctx, source) else "file"
            yield RawFinding(NO_TEST_FILE, source.path, None,
                             f"no test file imports or is named after {source.path} ({what} with logic; looked for "
                             f"{_hint(source.path)})", key="no-test-file")


def _untested_functions(ctx: ScanContext, index: TestIndex) -> Iterator[RawFinding]:
    candidates: list[tuple[SourceFile, str, int, int]] = []  # source, name, report line, def line
    for source in index.subjects:
        if not touched(ctx, source) or not index.exercised(source.path):
            continue
        branch = branch_lines(ctx, source)
        for definition in cached_definitions(ctx, source):
            if not definition.public or definition.kind == "class":
                continue
            if definition.name in ("main", "initialize", "setUp", "tearDown") or any(
                    d in _SKIP_DECORATORS or d.endswith((".setter", ".deleter")) for d in definition.decorators):
                continue
            changed = changed_in(branch, definition.start, definition.end)
            if changed is None:
                continue
            line = definition.line if on_branch(ctx, source, definition.line) else changed
            candidates.append((source, definition.name, line, definition.line))
    if not candidates:
        return
    seen = grep_words(ctx, {name for _, name, _, _ in candidates}, index.tests)  # batched: not per name chunk
    for source, name, line, def_line in candidates:
        if name not in seen:
            yield RawFinding(UNTESTED_FUNCTION, source.path, line,
                             f"public function {name}() (line {def_line}) is {'new' if is_new(ctx, source) else 'changed'} "
                             "and no test file mentions it", key=f"{name}:{source.line(def_line).strip()}")


def _code_tests(index: TestIndex, shell: bool = False) -> list[str]:
    """Test files in a programming language (not fixtures, templates or data under a test folder); with `shell`,
    shell scripts too (integration tests that run the command)."""
    return [t for t in index.tests if language_of(t) in TESTED_LANGUAGES or (shell and language_of(t) == "shell")]


def _negative_test(ctx: ScanContext, index: TestIndex) -> Iterator[RawFinding]:
    """Per changed module: a test exercising it asserts a failure of something it provides, read by structure for
    Python (`_source.test_structure`: comments, strings and test names never count), by assertion calls elsewhere.
    A module no test exercises has no negative test. The methodology asks it of the change ("no changed modules
    without a negative test"): --all judges the modules the branch changed, as the diff does (never fewer findings,
    and an audit of an old tree is not asked for a negative test of every module it ever had)."""
    in_scope = {s.path for s in _in_scope_tests(ctx)}
    code = set(_code_tests(index))
    changed = [s for s in index.subjects if touched(ctx, s)]
    pairs = {s.path: (index.tests_for.get(s.path, set()) | in_scope) & code for s in changed}
    negative = satisfied(ctx, pairs, has_negative_test, NEGATIVE_LITERALS, may=may_be_negative)
    for source in sorted(changed, key=lambda s: s.path):
        if source.path in negative:
            continue
        exercising = sorted(index.tests_for.get(source.path, set()))
        detail = (f"none of the {len(exercising)} test file{'s' if len(exercising) != 1 else ''} exercising "
                  f"{source.path} asserts a failure of it" if exercising
                  else f"no test exercises {source.path}, so none asserts a failure mode")
        yield RawFinding(NEGATIVE_TEST, source.path, None,
                         f"{detail} (pytest.raises, assertRaises, assertThrows, toThrow, an asserted error return...)",
                         key="negative-test")


def _smoke_test(ctx: ScanContext, index: TestIndex) -> Iterator[RawFinding]:
    entries = entry_points(ctx)
    if not entries:
        return
    words = sorted({w for e in entries for w in entry_words(e)})
    naming = sorted({path for path, _, _ in grep_literals(ctx, words, _code_tests(index, shell=True))})
    shell_texts = [read(ctx, path) or "" for path in naming if language_of(path) == "shell"]
    launching = sorted({path for path, _, _ in grep_literals(ctx, LAUNCH_LITERALS, naming)})
    texts = [read(ctx, path) or "" for path in launching]
    for entry in entries:
        if any(starts(text, entry) for text in texts) or any(shell_runs(text, entry) for text in shell_texts):
            continue
        yield RawFinding(SMOKE_TEST, entry.path, None,
                         f"no test starts `{entry.name}` (declared in {entry.path}): run it with --help and expect "
                         "exit 0", snippet=entry.snippet, key=f"smoke:{entry.name}")


def _hmac_verified(ctx: ScanContext, index: TestIndex) -> Iterator[RawFinding]:
    uses = _hmac_lines(ctx)
    if not uses:
        return
    # the tests exercising each file, and on a diff the changed tests (with --all: every test, too many to parse)
    in_scope = {s.path for s in _in_scope_tests(ctx)} if ctx.scope == "diff" else set()
    pairs = {path: index.tests_for.get(path, set()) | in_scope for path in uses}
    tampered = satisfied(ctx, pairs, has_tamper_test, may=may_be_tamper,
                         text_check=lambda text: bool(_SIGN_WORDS.search(text) and _TAMPER.search(text)))
    for path, lines in sorted(uses.items()):
        tests = pairs[path]
        if path not in tampered:
            yield RawFinding(HMAC_VERIFIED, path, lines[0],
                             "HMAC signing/verification changed here, and no test signs data and asserts a tampered "
                             "copy fails verification" + ("" if tests else " (no test exercises this file)"))


def _flaky(source: SourceFile) -> Iterator[RawFinding]:
    if "laky" not in source.text and "retryTimes" not in source.text:
        return
    lines = source.lines
    for number, text in enumerate(lines, start=1):
        if not _FLAKY.search(text) or not source.is_changed(number):
            continue
        window = lines[max(0, number - 4):number + 1]
        if any(_ISSUE_REF.search(line) for line in window):
            continue
        yield RawFinding(FLAKY_QUARANTINE, source.path, number,
                         "flaky test without an issue reference: link the issue in the marker or a comment next to "
                         "it (quarantine within 24h, fix or remove within 72h)")


def _naming_candidate(ctx: ScanContext, source: SourceFile) -> bool:
    name = PurePosixPath(source.path).name
    return (source.changed is None and name.startswith("test_") and name.endswith(".py")
            and source.language == "python")


def _well_named(ctx: ScanContext, path: str) -> bool:
    parts = path.split("/")
    roots = set(setting(ctx, "test_roots") or ())
    if not _NAMING.match(parts[-1]):
        return False
    return any(part in roots for part in parts[:-2])


SCANNER = MissingTestScanner()
