"""`readiness gates` on a terminal (readiness.render.progress): the live table shows each gate as queued, running
(elapsed time, latest output line) or done (icon, duration, summary); `print_row` prints one finished gate;
`print_final` prints the rows not printed yet, the failing gates' details (at most 15, then a count), the counts of
each status and, when gates were skipped for want of trust, how to run them."""

import io
import re
import time

import pytest
from rich.console import Console

from readiness.core.gates.registry import UNTRUSTED
from readiness.core.models import GateResult, GateStatus
from readiness.render import progress


def result(gate: str, status: GateStatus, summary: str = "", details: tuple[str, ...] = (),
           duration: float = 1.25) -> GateResult:
    return GateResult(id=gate, status=status, command=f"run {gate}", duration_s=duration, summary=summary,
                      details=details)


def rendered_table(state: dict) -> list[str]:
    table = progress.LiveTable(state)
    table.console = Console(file=io.StringIO(), width=120, highlight=False, emoji=False, color_system=None)
    table.console.print(table._table())
    return [line.rstrip() for line in table.console.file.getvalue().splitlines()]


def test_live_table_shows_queued_running_and_done_gates():
    state = {
        "lint": ["done", 1.0, "", result("lint", GateStatus.PASS, "no lint errors", duration=2.5)],
        "tests": ["running", time.monotonic() - 3.0, "collected 12 items", None],
        "build": ["queued", None, "", None],
    }
    lint, tests, build = rendered_table(state)
    assert "✔" in lint and "lint" in lint and "2.5s" in lint and "no lint errors" in lint
    assert "tests" in tests and "collected 12 items" in tests
    elapsed = float(re.search(r"(\d+\.\d)s", tests).group(1))  # time since the gate started, still counting
    assert 3.0 <= elapsed < 60
    assert "build" in build and "queued" in build and not re.search(r"\d\.\ds", build)  # no time while queued


@pytest.mark.parametrize("status, icon", [
    (GateStatus.PASS, "✔"), (GateStatus.FAIL, "✘"), (GateStatus.ERROR, "✘"), (GateStatus.TIMEOUT, "✘"),
    (GateStatus.SKIP, "–"),
])
def test_live_table_done_row_has_the_status_icon(status, icon):
    (row,) = rendered_table({"gate": ["done", 0.0, "", result("gate", status, "said so")]})
    assert row.lstrip().startswith(icon)
    assert "said so" in row


def test_live_table_refresh_reflects_a_changed_state():
    state = {"lint": ["queued", None, "", None]}
    table = progress.LiveTable(state)
    table.console = Console(file=io.StringIO(), width=100, color_system=None)
    assert "queued" in _text(table)
    state["lint"] = ["done", 0.0, "", result("lint", GateStatus.FAIL, "3 errors")]
    table.refresh()  # not started: only rebuilds the renderable
    assert "3 errors" in _text(table) and "queued" not in _text(table)


def _text(table: progress.LiveTable) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(table._table())
    return console.file.getvalue()


@pytest.mark.parametrize("status, icon", [
    (GateStatus.PASS, "✔"), (GateStatus.FAIL, "✘"), (GateStatus.SKIP, "–"), (GateStatus.TIMEOUT, "✘"),
])
def test_print_row_is_icon_status_id_duration_summary(status, icon):
    console = Console(file=io.StringIO(), width=200, color_system=None)
    progress.print_row(result("tests", status, "12 passed", duration=3.14159), console)
    line = console.file.getvalue().rstrip("\n")
    assert line == f"{icon} {str(status):<7} {'tests':<12} {3.14159:6.1f}s  12 passed"


def test_print_row_defaults_to_stdout(capsys):
    progress.print_row(result("lint", GateStatus.PASS, "clean"))
    assert capsys.readouterr().out.startswith("✔ pass    lint ")


def test_print_final_skips_rows_already_printed_and_counts_every_gate(capsys):
    results = [result("lint", GateStatus.PASS, "clean"), result("tests", GateStatus.PASS, "12 passed")]
    progress.print_final(results, printed={"lint"})
    out = capsys.readouterr().out
    assert "tests" in out and "lint " not in out.split("gates:")[0]
    assert out.rstrip().endswith("gates: 2 pass")


def test_print_final_details_only_for_failing_gates_and_at_most_fifteen(capsys):
    many = tuple(f"src/mod.py:{n}: E501" for n in range(1, 21))
    results = [result("lint", GateStatus.FAIL, "20 errors", many),
               result("tests", GateStatus.PASS, "ok", ("not shown: passed",)),
               result("types", GateStatus.ERROR, "mypy missing", ("mypy: command not found",))]
    progress.print_final(results)
    out = capsys.readouterr().out
    assert "lint:\n" in out and "  src/mod.py:15: E501" in out and "src/mod.py:16:" not in out
    assert "… 5 more" in out
    assert "types:\n  mypy: command not found" in out
    assert "not shown: passed" not in out
    assert "gates: 1 pass, 1 fail, 1 error" in out


@pytest.mark.parametrize("statuses, summary", [
    ([GateStatus.PASS, GateStatus.SKIP], "gates: 1 pass, 1 skip"),
    ([GateStatus.TIMEOUT, GateStatus.FAIL, GateStatus.FAIL], "gates: 2 fail, 1 timeout"),
    ([], "gates: no gates selected"),
])
def test_print_final_counts_in_a_fixed_order(capsys, statuses, summary):
    progress.print_final([result(f"g{i}", s, "x") for i, s in enumerate(statuses)])
    assert summary in capsys.readouterr().out


@pytest.mark.parametrize("summary, hinted", [
    (f"{UNTRUSTED} (runs repository code)", True),
    ("disabled in configuration", False),
])
def test_print_final_says_how_to_run_untrusted_gates(capsys, summary, hinted):
    progress.print_final([result("tests", GateStatus.SKIP, summary), result("lint", GateStatus.PASS, "clean")])
    out = capsys.readouterr().out
    assert (f"{UNTRUSTED} to run tests (or pass --trust)" in out) is hinted
