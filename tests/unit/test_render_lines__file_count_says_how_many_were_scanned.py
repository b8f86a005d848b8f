"""The summary's file count agrees with the checklists' "files in scope": when some files in scope could not be
scanned (binary, too large), it says both numbers instead of a smaller one that looks like a different scope."""

from __future__ import annotations

import pytest

from readiness.core.models import RepoInfo, Report
from readiness.render.lines import files_count


def _report(scanned: int, in_scope: int | None) -> Report:
    return Report(tool_version="0", repo=RepoInfo(root="/r", branch=None, head=None, base=None, merge_base=None,
                                                  scope="all"), findings=(), files_scanned=scanned,
                  files_in_scope=in_scope)


@pytest.mark.parametrize(("scanned", "in_scope", "expected"), [
    (493, 494, "494 files, 493 scanned"),
    (493, 493, "493 files"),
    (1, 1, "1 file"),
    (0, 1, "1 file, 0 scanned"),
    (5, None, "5 files"),
])
def test_files_count(scanned, in_scope, expected):
    assert files_count(_report(scanned, in_scope)) == expected
