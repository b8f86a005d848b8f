"""scan.workers: a forked child runs the per-file scanners over part of a large tree (issue 14, cold full scans);
the findings are the ones one process gives, and a child that fails changes nothing but the time."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from readiness.core.scan import engine, workers
from readiness.core.scan.base import PerFileScanner, RawFinding, ScanContext, SourceFile
from readiness.core.scan.scanners import SCANNERS

FILES = {
    f"pkg/mod{i}.py": (f'def f{i}():\n    raise NotImplementedError("TODO: {i}")\n' if i % 3 == 0 else
                       f"def g{i}(path):\n    try:\n        return open(path).read()\n    except Exception:\n"
                       "        pass\n" if i % 3 == 1 else f'KEY{i} = "ghp_{"a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"}"\n')
    for i in range(12)
}


@pytest.fixture
def context(module_scan_context):
    return module_scan_context(FILES)


def ids(findings):
    return [(f.id, f.rule, f.path, f.line, f.severity, f.message) for f in findings]


def test_split_gives_the_child_its_share_of_the_text_from_the_end():
    files = [SourceFile(f"f{i}.py", "x" * 10) for i in range(10)]
    mine, theirs = workers.split(files, share=0.8)
    assert [f.path for f in mine] == ["f0.py", "f1.py"] and len(theirs) == 8
    assert workers.split(files, share=0.0) == (files, [])


def test_a_forked_child_finds_what_this_process_finds(context):
    scanners = [s for s in SCANNERS.values() if isinstance(s, PerFileScanner)]
    collect = workers.fork_scan(context, scanners, context.files)
    from_child = collect()
    assert from_child is not None and from_child == list(workers.scan_files(context, scanners, context.files))
    assert {f.rule.split("/")[0] for f in from_child} >= {"todo-throw", "silent-failure", "hardcoded-secret"}


def test_the_engine_with_a_child_reports_exactly_what_one_process_reports(context, monkeypatch):
    alone = engine.run(context)
    monkeypatch.setattr(workers, "worth_forking", lambda files: True)
    assert ids(engine.run(context, workers=True)) == ids(alone)


class FailsInAChild(PerFileScanner):
    """A per-file scanner that breaks in any process but the test's own."""

    name = "fails-in-a-child"
    rules: dict = {}

    def __init__(self) -> None:
        self.parent = os.getpid()

    def scan_file(self, ctx: ScanContext, source: SourceFile) -> Iterator[RawFinding]:
        if os.getpid() != self.parent:
            raise RuntimeError("the child breaks")
        return iter(())


def test_a_child_that_fails_is_replaced_by_this_process(context, monkeypatch):
    probe = FailsInAChild()
    monkeypatch.setitem(SCANNERS, probe.name, probe)
    alone = engine.run(context)
    monkeypatch.setattr(workers, "worth_forking", lambda files: True)
    assert ids(engine.run(context, workers=True)) == ids(alone)
    assert workers.fork_scan(context, [probe], context.files)() is None


def test_small_trees_and_threaded_processes_are_not_forked(context):
    assert not workers.worth_forking(context.files)  # a few hundred bytes
