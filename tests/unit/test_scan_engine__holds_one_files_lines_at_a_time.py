"""The scan engine runs the per-file scanners file by file and drops each file's split lines after it (issue 14:
the lines of sympy's 1,964 files took 72 MB more than their texts). The findings are the ones each scanner gives
on its own, in the same order of rules, lines and ids."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from readiness.core.scan import engine
from readiness.core.scan.base import PerFileScanner, RawFinding, ScanContext, SourceFile
from readiness.core.scan.scanners import SCANNERS

FILES = {
    "pkg/budget.py": 'def budget():\n    raise NotImplementedError("TODO: budgets")\n',
    "pkg/io.py": "def load(path):\n    try:\n        return open(path).read()\n    except Exception:\n        pass\n",
    "pkg/keys.py": 'import logging\nTOKEN = "ghp_' + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" + '"\nprint(TOKEN)\n',
    "pkg/clean.py": "def add(a, b):\n    return a + b\n",
}


class LinesProbe(PerFileScanner):
    """Records, for every file it is given, how many files of the run hold their split lines at that moment."""

    name = "lines-probe"
    rules: dict = {}

    def __init__(self) -> None:
        self.held: list[int] = []

    def scan_file(self, ctx: ScanContext, source: SourceFile) -> Iterator[RawFinding]:
        assert source.lines  # the probe reads the file, as every per-file scanner does
        self.held.append(sum(1 for f in ctx.files if f._lines is not None))
        return iter(())


@pytest.fixture
def context(module_scan_context):
    return module_scan_context(FILES)


def test_per_file_scanners_hold_one_files_lines_at_a_time(context, monkeypatch):
    probe = LinesProbe()
    monkeypatch.setitem(SCANNERS, probe.name, probe)
    engine.run(context, scanners=["todo-throw", "silent-failure", probe.name])
    assert probe.held == [1] * len(FILES)  # each file alone, after the other scanners read it too


def test_findings_equal_each_scanner_run_on_its_own(context):
    names = [n for n in SCANNERS if isinstance(SCANNERS[n], PerFileScanner)]
    assert {"todo-throw", "printed-secret", "hardcoded-secret", "silent-failure"} <= set(names)
    together = engine.run(context, scanners=names)
    alone = sorted((f for n in names for f in engine.run(context, scanners=[n])),
                   key=lambda f: (f.path, f.line or 0, f.rule))
    assert [(f.id, f.rule, f.line, f.severity) for f in together] == [
        (f.id, f.rule, f.line, f.severity) for f in alone]
    assert {f.category for f in together} >= {"todo-throw", "silent-failure", "hardcoded-secret"}
