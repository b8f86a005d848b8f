"""`readiness.core.scan.parse_notes` called directly: a Python file in scope that does not parse gets one note naming
the file, the line and what still ran; several are counted and the first three named; files that parse, empty files
and other languages get nothing; with `--all` only the trees a scanner already parsed are judged (no second parse),
and a cancelled diff run parses nothing more."""

from __future__ import annotations

from readiness.core.scan.base import ScanContext, SourceFile
from readiness.core.scan.parse_notes import STILL_RAN, parse_notes

BROKEN = "def f(:\n    pass\n"


def _py(path: str, text: str) -> SourceFile:
    return SourceFile(path=path, text=text, language="python")


def test_a_changed_file_that_does_not_parse_is_one_note_with_line_and_what_still_ran(git_repo, scan_context):
    git_repo.write("README.md", "# r\n")
    git_repo.commit("base")
    git_repo.write("broken.py", "X = 1\n\n" + BROKEN)
    git_repo.write("fine.py", "def g():\n    return 1\n")
    ctx = scan_context(git_repo, "diff")
    assert sorted(s.path for s in ctx.files) == ["broken.py", "fine.py"]
    (note,) = parse_notes(ctx)
    assert note.startswith("broken.py does not parse as Python (line 3: ")
    assert note.endswith(STILL_RAN)
    assert "fine.py" not in note
    # the trees are left in the shared cache for the scanners (parsed once per run)
    assert ctx.cache["ast:broken.py"] is None and ctx.cache["ast:fine.py"] is not None


def test_files_that_parse_empty_files_and_other_languages_give_no_note(empty_repository):
    ctx = ScanContext(files=[_py("ok.py", "x = 1\n"), _py("empty.py", "  \n\n"),
                             SourceFile(path="notes.txt", text=BROKEN, language=None),
                             SourceFile(path="app.js", text=BROKEN, language="javascript")],
                      repo=empty_repository)
    assert parse_notes(ctx) == []


def test_several_broken_files_are_counted_and_the_first_three_named(empty_repository):
    files = [_py(f"m{i}.py", BROKEN) for i in range(4)] + [_py("nul.py", "x = 1\0\n")]
    (note,) = parse_notes(ScanContext(files=files, repo=empty_repository))
    assert note.startswith("5 Python files do not parse: m0.py (line 1: ")
    assert "m1.py (line 1: " in note and "m2.py (line 1: " in note
    assert "m3.py" not in note and "nul.py" not in note and " …: " in note
    assert note.endswith(STILL_RAN)


def test_a_null_byte_is_reported_without_a_traceback(empty_repository):
    (note,) = parse_notes(ScanContext(files=[_py("nul.py", "x = 1\0\n")], repo=empty_repository))
    assert note.startswith("nul.py does not parse as Python (") and "null bytes" in note


def test_with_all_only_the_trees_a_scanner_already_parsed_are_judged(empty_repository):
    files = [_py("seen.py", BROKEN), _py("unseen.py", BROKEN)]
    ctx = ScanContext(files=files, repo=empty_repository, scope="all", cache={"ast:seen.py": None})
    (note,) = parse_notes(ctx)
    assert note.startswith("seen.py does not parse as Python")
    assert "ast:unseen.py" not in ctx.cache


def test_a_cancelled_diff_run_parses_nothing_more(empty_repository):
    ctx = ScanContext(files=[_py("broken.py", BROKEN)], repo=empty_repository, cancelled=lambda: True)
    assert parse_notes(ctx) == []
    assert ctx.cache == {}
