"""What a scan cannot judge is said, not hidden: a changed Python file that does not parse gets a note naming the
line and what still ran (and a hard-coded token in it is still found); a submodule whose commit moved gets a note
that its files were not scanned."""

from __future__ import annotations

import json
import random

from readiness.cli import main


def _check(capsys, repo, *extra: str) -> dict:
    code = main(["check", "--repo", str(repo.path), "--format", "json", *extra])
    captured = capsys.readouterr()
    assert code in (0, 1), captured.err
    return json.loads(captured.out)


def test_a_python_file_that_does_not_parse_is_noted_and_still_scanned_for_secrets(make_git_repo, fake_secrets,
                                                                                   capsys):
    repo = make_git_repo("noparse")
    repo.write("README.md", "# r\n")
    repo.commit("base")
    token = fake_secrets["github-token"][0](random.Random(5))
    repo.write("broken.py", f'GH = "{token}"\n\ndef f(:\n    pass\n')
    repo.write("fine.py", "def g():\n    return 1\n")
    report = _check(capsys, repo, "--base", "HEAD")
    (note,) = [n for n in report["notes"] if "does not parse" in n]
    assert note.startswith("broken.py does not parse as Python (line 3:") and "still ran" in note
    assert "fine.py" not in note
    assert [f["path"] for f in report["findings"] if f["rule"] == "hardcoded-secret/github-token"] == ["broken.py"]
    assert token not in json.dumps(report)


def test_a_moved_submodule_is_noted(make_git_repo, capsys):
    lib = make_git_repo("sublib")
    lib.write("lib.py", "X = 1\n")
    lib.commit("lib 1")
    repo = make_git_repo("super")
    repo.write("README.md", "# r\n")
    repo.git("submodule", "add", "-q", str(lib.path), "vendor/lib")
    repo.commit("base with submodule")
    base = repo.git("rev-parse", "HEAD").strip()
    lib.write("lib.py", "X = 2\n")
    lib.commit("lib 2")
    repo.git("-C", "vendor/lib", "pull", "-q", "origin", "main")
    repo.commit("bump submodule")
    report = _check(capsys, repo, "--base", base)
    assert any(n.startswith("1 changed submodule not scanned: vendor/lib") for n in report["notes"]), report["notes"]
    unchanged = _check(capsys, repo, "--base", "HEAD")
    assert not any("submodule" in n for n in unchanged["notes"])
