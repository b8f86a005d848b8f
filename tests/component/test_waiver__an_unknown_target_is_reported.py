"""An inline waiver whose brackets name no category or rule waives nothing, and says so: a `waiver/unknown-target`
warning on its line with the closest known name, while the finding it meant to waive stays. Categories, rule ids
and `*` are known."""

from __future__ import annotations

import json

from readiness.cli import main

_STUB = "raise NotImplemented" + "Error"  # in parts: this file is no placeholder
_IGNORE = "# readiness: " + "ignore"  # in parts: no waiver of this file


def test_unknown_target(make_git_repo, capsys):
    repo = make_git_repo("unknown-target")
    repo.write("README.md", "# app\n")
    repo.commit("initial")
    repo.write("a.py", f"def a():\n    {_STUB}  {_IGNORE}[todo-throws] typo\n")
    repo.write("b.py", f"def b():\n    {_STUB}  {_IGNORE}[todo-throw/python-stub, *] known\n")
    repo.write("c.py", f"def c():\n    {_STUB}  {_IGNORE}[todo-throw] known\n")
    main(["check", "--repo", str(repo.path), "--all", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    unknown = [f for f in findings if f["rule"] == "waiver/unknown-target"]
    assert [(f["path"], f["line"]) for f in unknown] == [("a.py", 2)]
    assert "`todo-throws`" in unknown[0]["message"] and "did you mean `todo-throw`?" in unknown[0]["message"]
    stubs = {f["path"]: f["waived"] for f in findings if f["rule"].startswith("todo-throw/")}
    assert stubs == {"a.py": False, "b.py": True, "c.py": True}
