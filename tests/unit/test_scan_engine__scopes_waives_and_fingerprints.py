"""The scan engine: scope filtering, severity overrides, waivers and stable fingerprints."""

from dataclasses import dataclass, field

import pytest
from fakes import EmptyRepository

from readiness.core.models import Severity
from readiness.core.scan import engine as scan
from readiness.core.scan.base import RawFinding, Rule, ScanContext, SourceFile
from readiness.core.scan.scanners import SCANNERS

RULE = Rule(id="probe/marker", category="todo-throw", severity=Severity.ERROR, title="Marker",
            what="A line containing MARKER.", why="Tests the engine.", fix="Remove it.")


@dataclass
class MarkerScanner:
    """Reports every line that contains MARKER, and one whole-file finding per file with WHOLE in it."""

    name: str = "probe"
    rules: dict = field(default_factory=lambda: {RULE.id: RULE})

    def scan(self, ctx):
        for source in ctx.files:
            for number, text in enumerate(source.lines, start=1):
                if "MARKER" in text:
                    yield RawFinding(RULE.id, source.path, number, "marker found")
            if "WHOLE" in source.text:
                yield RawFinding(RULE.id, source.path, None, "whole file")


@pytest.fixture
def run(monkeypatch):
    monkeypatch.setitem(SCANNERS, "probe", MarkerScanner())

    def _run(*files, **kwargs):
        return scan.run(ScanContext(files=list(files), repo=EmptyRepository()), scanners=["probe"], **kwargs)

    return _run


def test_line_findings_only_on_changed_lines(run):
    source = SourceFile("a.py", "MARKER one\nplain\nMARKER three\n", changed=frozenset({3}))
    findings = run(source)
    assert [(f.line, f.message) for f in findings] == [(3, "marker found")]


def test_whole_file_findings_survive_line_scope(run):
    source = SourceFile("a.py", "WHOLE\nx\n", changed=frozenset({2}))
    findings = run(source)
    assert [(f.line, f.message) for f in findings] == [(None, "whole file")]


def test_fingerprint_survives_lines_moving(run):
    before = run(SourceFile("a.py", "x = 1\nMARKER here\n"))
    after = run(SourceFile("a.py", "import os\n\n\nx = 1\nMARKER here\n"))
    assert before[0].line == 2 and after[0].line == 5
    assert before[0].id == after[0].id


def test_fingerprint_changes_with_content_and_path(run):
    first = run(SourceFile("a.py", "MARKER here\n"))[0].id
    assert run(SourceFile("a.py", "MARKER there\n"))[0].id != first
    assert run(SourceFile("b.py", "MARKER here\n"))[0].id != first


def test_identical_lines_get_distinct_ids(run):
    findings = run(SourceFile("a.py", "MARKER\nMARKER\n"))
    assert len({f.id for f in findings}) == 2


@pytest.mark.parametrize(
    "text",
    [
        "MARKER  # readiness: ignore[todo-throw] accepted on purpose\n",
        "# readiness: ignore[todo-throw] accepted on purpose\nMARKER\n",
        "MARKER // readiness: ig" + "nore[probe/marker] accepted on purpose\n",  # in parts: no waiver here
        "MARKER /* readiness: ignore[todo-throw, printed-secret] accepted on purpose */\n",
        "MARKER -- readiness: ignore[todo-throw] accepted on purpose\n",
        "MARKER <!-- readiness: ignore[todo-throw] accepted on purpose -->\n",
    ],
)
def test_inline_waiver_in_every_comment_syntax(run, text):
    findings = [f for f in run(SourceFile("a.x", text)) if f.rule == RULE.id]
    assert len(findings) == 1
    assert findings[0].waived
    assert findings[0].waiver_reason == "accepted on purpose"


def test_waiver_for_another_category_does_not_apply(run):
    findings = run(SourceFile("a.py", "MARKER  # readiness: ignore[printed-secret] not this one\n"))
    assert not findings[0].waived


def test_waiver_two_lines_above_does_not_apply(run):
    findings = run(SourceFile("a.py", "# readiness: ignore[todo-throw] too far\n\nMARKER\n"))
    assert not findings[0].waived


def test_waiver_without_reason_is_a_warning(run):
    findings = run(SourceFile("a.py", "MARKER  # readiness: ignore[todo-throw]\n"))
    by_rule = {f.rule: f for f in findings}
    assert by_rule[RULE.id].waived
    assert by_rule["waiver/missing-reason"].severity == Severity.WARNING
    assert by_rule["waiver/missing-reason"].line == 1


def test_config_waiver_by_id(run):
    finding = run(SourceFile("a.py", "MARKER\n"))[0]
    waived = run(SourceFile("a.py", "MARKER\n"), config_waivers=[scan.ConfigWaiver(finding.id, "known")])[0]
    assert waived.waived and waived.waiver_reason == "known"


def test_severity_override_by_category(run):
    findings = run(SourceFile("a.py", "MARKER\n"), severity_overrides={"todo-throw": Severity.INFO})
    assert findings[0].severity == Severity.INFO


def test_control_characters_never_reach_the_report(run):
    findings = run(SourceFile("a.py", "MARKER \x1b]0;PWNED\x07 \x1b[31mred\n"))
    assert "\x1b" not in findings[0].snippet and "\x07" not in findings[0].snippet


def test_crlf_lines_are_numbered_like_git(run):
    findings = run(SourceFile("a.py", "a\r\nb\x0cc\r\nMARKER\u2028x\r\n"))
    assert findings[0].line == 3
    assert not findings[0].snippet.endswith("\r")


def test_trailing_waiver_covers_its_own_line_not_the_next(run):
    findings = run(SourceFile("a.py", "MARKER one  # readiness: ignore[todo-throw] this one only\nMARKER two\n"))
    assert [(f.line, f.waived) for f in findings] == [(1, True), (2, False)]
