"""The text report written in one go (`render/lines.py`) is byte for byte what rich prints to a pipe: hostile
repository text (tabs after wide characters, carriage returns, bells, escape sequences, newlines in a message,
markup-looking names) included; a terminal, FORCE_COLOR and TTY_COMPATIBLE still go through rich."""

import io
import random

import pytest

from readiness.core.models import Finding, RepoInfo, Report, Severity, Verdict
from readiness.render import lines as text_lines
from readiness.render.formats import render_text

PIECES = ["a", "word ", " ", "\t", "\n", "\r", "\x07", "\x08", "\x0b", "\x0c", "\x1b[31m", "中文", "é", "e\u0301",
          "[bold]x[/]", "\u2028", "\x85", "😀", "\xa0", "\t\t", ":smile:", "  "]


def hostile(rng, most=24):
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, most)))


def random_lines(seed):
    rng = random.Random(seed)
    out = []
    for _ in range(60):
        line = text_lines.Line(rng.choice([None, "bold", "dim"]))
        for _ in range(rng.randint(0, 4)):
            line.add(hostile(rng), rng.choice([None, "red", "dim italic"]))
        out.append(line)
    return out


def rich_text(lines):
    stream = io.StringIO()  # not a terminal: rich prints plain text, as to a pipe
    text_lines.write_rich(lines, stream)
    return stream.getvalue()


@pytest.mark.parametrize("seed", range(12))
def test_plain_text_equals_richs_output_for_hostile_text(seed, monkeypatch):
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    lines = random_lines(seed)
    assert text_lines.plain_text(lines) == rich_text(lines)


def make_report(rng):
    findings = tuple(Finding(id=str(n), rule="todo-throw/raise", category="todo-throw",
                             severity=rng.choice(list(Severity)), path=f"pkg/{hostile(rng, 4)}.py",
                             line=rng.choice([None, n + 1]), message=hostile(rng), snippet=hostile(rng),
                             waived=n % 5 == 0, waiver_reason=rng.choice([None, "kept\tfor now"]))
                     for n in range(80))
    info = RepoInfo(root="/work/shop\tx", branch="feature/\x1b[2Jx", head="0" * 40, base="main", merge_base="1" * 40,
                    scope="diff")
    return Report(tool_version="0.1.0", repo=info, findings=findings, notes=("a\tb", "c\rd"), fail_on="error",
                  files_scanned=3, verdict=Verdict(ready=False, reasons=("2 errors\tfound",)))


def test_the_report_through_a_pipe_is_one_write_of_richs_bytes(monkeypatch):
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    report = make_report(random.Random(14))
    writes = []

    class Pipe(io.StringIO):
        def write(self, text):
            writes.append(text)
            return super().write(text)

    piped = Pipe()
    render_text(report, piped)
    assert len(writes) == 1  # one write
    monkeypatch.setattr(text_lines, "plain_output", lambda stream: False)  # the same report through rich
    through_rich = io.StringIO()
    render_text(report, through_rich)
    assert piped.getvalue() == through_rich.getvalue()
    assert "\x1b" not in piped.getvalue()  # repository escapes are shown as \x1b, never sent


@pytest.mark.parametrize(("env", "tty", "plain"), [({}, False, True), ({}, True, False), ({"FORCE_COLOR": "1"}, False, False),
                                                 ({"FORCE_COLOR": ""}, False, True), ({"TTY_COMPATIBLE": "1"}, False, False),
                                                 ({"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}, False, True),
                                                 ({"NO_COLOR": "1"}, False, True), ({"NO_COLOR": "1"}, True, False)])
def test_only_what_rich_would_print_plain_skips_rich(monkeypatch, env, tty, plain):
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    class Stream(io.StringIO):
        def isatty(self):
            return tty

    assert text_lines.plain_output(Stream()) is plain
    from rich.console import Console

    assert (not Console(file=Stream()).is_terminal) is plain  # the rule rich itself applies
