"""The terminal UI's model honours the baseline as `check` does: the first scan and every rescan after a save mark
baselined findings, the dashboard's category rows do not count them, and the notes are replaced, not repeated."""

import pytest

from readiness.cli import main
from readiness.core.pipeline.rescan import rescan
from readiness.core.pipeline.run import CheckOptions, scan_repository
from readiness.tui.model import findings_by_category

STUB = "def a():\n    raise NotImplementedError\n"
README = "# x\n\n## Usage\n\nx\n\n## Troubleshooting\n\nx\n"


@pytest.mark.parametrize("scope", ["all", "diff"])
def test_rescan_marks_old_findings_baselined_and_new_ones_not(git_repo, capsys, scope):
    git_repo.write("README.md", README)
    git_repo.write("pay.py", STUB)
    git_repo.commit("old stub")
    assert main(["baseline", "--repo", str(git_repo.path)]) == 0
    capsys.readouterr()
    git_repo.commit("baseline")
    git_repo.write("pay.py", "import os\n\n\n" + STUB + "\n\ndef b():\n    raise NotImplementedError(1)\n")
    result = scan_repository(CheckOptions(repo=str(git_repo.path), scope=scope))
    try:
        again = rescan(result, scope, ["pay.py"])
        stubs = [(f.line, f.baselined) for f in again.findings if f.category == "todo-throw"]
        expected = [(5, True), (9, False)] if scope == "all" else [(9, False)]
        assert stubs == expected
        assert sum("baselined (.readiness-baseline.json)" in n for n in again.notes) == 1  # replaced, not repeated
        row = next(r for r in findings_by_category(again.findings) if r.category == "todo-throw")
        assert row.count == 1
    finally:
        result.repo.close()
