"""todo-throw: the repository class index is built lazily and once; scope, cancellation and rule texts."""

from __future__ import annotations

from readiness.core.models import Severity
from readiness.core.scan.base import ScanContext, SourceFile, language_of
from readiness.core.scan.scanners import SCANNERS
from readiness.core.scan.scanners.todo_throw import SCANNER


class CountingRepository:
    """Counts grep and read_text calls; grep answers from a fixed list of rows."""

    def __init__(self, rows=(), files=None, fail=False):
        self.rows, self.files, self.fail = list(rows), files or {}, fail
        self.greps = 0
        self.reads = 0

    def all_paths(self):
        return sorted(self.files)

    def read_text(self, path):
        self.reads += 1
        return self.files.get(path)

    def grep(self, pattern, pathspecs=()):
        self.greps += 1
        if self.fail:
            raise OSError("git grep failed")
        return self.rows


def src(path, text, **kwargs):
    return SourceFile(path, text, language=language_of(path), **kwargs)


STUB = "class Store:\n    def get(self, key):\n        raise NotImplementedError\n"


def test_no_grep_when_no_file_has_a_candidate():
    repo = CountingRepository()
    ctx = ScanContext(files=[src("a.py", "def f():\n    return 1\n"), src("b.py", "# TODO later\nx = 1\n")], repo=repo)
    assert list(SCANNER.scan(ctx)) == []
    assert repo.greps == 0


def test_no_grep_when_the_class_name_already_decides():
    repo = CountingRepository()
    ctx = ScanContext(files=[src("a.py", STUB.replace("Store", "BaseStore"))], repo=repo)
    assert [f.rule for f in SCANNER.scan(ctx)] == ["todo-throw/python-abstract-by-convention"]
    assert repo.greps == 0


def test_index_is_built_once_for_many_files_and_cached_in_the_context():
    rows = [("sub.py", 1, "class RedisStore(Store):")]
    repo = CountingRepository(rows, {"sub.py": "class RedisStore(Store):\n    def get(self, key):\n        return 1\n"})
    files = [src(f"m{n}.py", STUB) for n in range(5)]
    ctx = ScanContext(files=files, repo=repo)
    found = list(SCANNER.scan(ctx))
    assert {f.rule for f in found} == {"todo-throw/python-abstract-by-convention"}
    assert len(found) == 5
    assert repo.greps == 1
    assert "todo-throw:class-index" in ctx.cache
    list(SCANNER.scan(ctx))
    assert repo.greps == 1


def test_grep_failure_degrades_to_an_error_finding_not_a_crash():
    repo = CountingRepository(fail=True)
    ctx = ScanContext(files=[src("a.py", STUB)], repo=repo)
    assert [(f.rule, f.line) for f in SCANNER.scan(ctx)] == [("todo-throw/python-stub", 3)]


def test_base_file_is_read_only_to_check_whether_its_method_is_real():
    rows = [("base.py", 1, "class Shell:"), ("base.py", 2, "    def chmod(self, mode):"),
            ("ps.py", 1, "class PowerShell(Shell):"), ("ps.py", 2, "    def chmod(self, mode):")]
    files = {"base.py": "class Shell:\n    def chmod(self, mode):\n        return mode\n"}
    repo = CountingRepository(rows, files)
    text = "class PowerShell(Shell):\n    def chmod(self, mode):\n        raise NotImplementedError\n"
    ctx = ScanContext(files=[src("ps.py", text)], repo=repo)
    assert [f.rule for f in SCANNER.scan(ctx)] == ["todo-throw/python-unsupported"]
    assert repo.reads == 1


def test_unchanged_lines_and_empty_change_sets_are_skipped():
    text = "def a():\n    raise NotImplementedError\n\ndef b():\n    raise NotImplementedError\n"
    ctx = ScanContext(files=[src("a.py", text, changed=frozenset({4, 5}))], repo=CountingRepository())
    assert [f.line for f in SCANNER.scan(ctx)] == [5]
    ctx = ScanContext(files=[src("a.py", text, changed=frozenset())], repo=CountingRepository())
    assert list(SCANNER.scan(ctx)) == []
    big = "x = 1\n" * 400 + text
    ctx = ScanContext(files=[src("a.py", big, changed=frozenset({405}))], repo=CountingRepository())
    assert [f.line for f in SCANNER.scan(ctx)] == [405]


def test_cancellation_stops_the_scan():
    files = [src(f"m{n}.py", "def f():\n    raise NotImplementedError\n") for n in range(3)]
    ctx = ScanContext(files=files, repo=CountingRepository(), cancelled=lambda: True)
    assert list(SCANNER.scan(ctx)) == []


def test_language_falls_back_to_the_path_and_unknown_languages_are_ignored():
    ctx = ScanContext(files=[SourceFile("a.rs", "fn f() { todo!() }\n"), SourceFile("a.rb", "raise 'TODO'\n")],
                      repo=CountingRepository())
    assert [f.rule for f in SCANNER.scan(ctx)] == ["todo-throw/rust"]


def test_registered_and_every_rule_is_documented():
    assert SCANNERS["todo-throw"] is SCANNER
    assert SCANNER.name == "todo-throw"
    for rule_id, rule in SCANNER.rules.items():
        assert rule.id == rule_id and rule_id.startswith("todo-throw/")
        assert rule.category == "todo-throw"
        assert all([rule.title, rule.what, rule.why, rule.fix, rule.example]), rule_id
    info = {r for r, rule in SCANNER.rules.items() if rule.severity is Severity.INFO}
    assert info == {"todo-throw/python-abstract-by-convention", "todo-throw/python-unsupported"}
