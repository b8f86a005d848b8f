"""One finding per problem (issue 12, Found 6 and item 5): rules of one category that see the same line merge into
one finding with the strongest severity and one message; the checklist detail and the PR markdown name the location
once (`budget.py:3`, never `budget.py:3, :3`)."""

from __future__ import annotations

from readiness.core.models import Finding, Severity
from readiness.core.scan import engine as scan
from readiness.core.scan.engine import one_per_problem

BUDGET = ("def retry_budget(attempts):\n    budget = 0\n    try:\n        budget = int(attempts) // 2\n"
          "    except Exception:\n        pass\n    return budget\n")


def test_a_swallowed_exception_in_a_module_without_logging_is_one_warning(git_repo, scan_context):
    git_repo.write("pkg/budget.py", BUDGET)
    findings = scan.run(scan_context(git_repo), scanners=["silent-failure", "observability"])
    assert [(f.rule, f.line, str(f.severity)) for f in findings] == [
        ("silent-failure/python-swallowed", 5, "warning")]
    assert findings[0].message.count("swallows") == 1


def _finding(rule: str, severity: Severity, line: int | None = 66, waived: bool = False, path: str = "budget.py",
             category: str = "silent-failure") -> Finding:
    return Finding(id=f"{rule}{line}{waived}", rule=rule, category=category, severity=severity, path=path, line=line,
                   message=f"{rule} message", waived=waived)


def test_the_strongest_severity_wins_and_other_sites_and_categories_stay():
    info = _finding("silent-failure/no-baseline-signal", Severity.INFO)
    warning = _finding("silent-failure/python-swallowed", Severity.WARNING)
    elsewhere = _finding("silent-failure/no-baseline-signal", Severity.INFO, line=70)
    docs = _finding("missing-docs/missing-docstring", Severity.WARNING, category="missing-docs")
    whole_file = [_finding("missing-test/no-test-file", Severity.ERROR, line=None, category="missing-test"),
                  _finding("missing-test/negative-test", Severity.WARNING, line=None, category="missing-test")]
    assert one_per_problem([info, warning, elsewhere, docs, *whole_file]) == [*whole_file, warning, elsewhere, docs]


def test_an_unwaived_finding_wins_over_a_waived_one_of_equal_severity():
    waived = _finding("silent-failure/python-swallowed", Severity.WARNING, waived=True)
    active = _finding("silent-failure/empty-catch", Severity.WARNING)
    assert one_per_problem([waived, active]) == [active]


def test_the_pr_markdown_and_the_tui_table_name_each_location_once():
    from readiness.render.markdown import _where
    from readiness.tui.model import locations

    same_line = [_finding("silent-failure/python-swallowed", Severity.WARNING, category="missing-test"),
                 _finding("missing-test/untested-function", Severity.WARNING, category="missing-test")]
    same_file = [_finding("missing-test/no-test-file", Severity.ERROR, line=None, category="missing-test"),
                 _finding("missing-test/negative-test", Severity.WARNING, line=None, category="missing-test")]
    assert _where(same_line) == "budget.py:66" and _where(same_file) == "budget.py"
    assert locations(same_line) == "budget.py:66" and locations(same_file) == "budget.py"
