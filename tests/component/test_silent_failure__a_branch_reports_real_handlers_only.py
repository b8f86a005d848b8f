"""`readiness check` on a branch (a real git repository) whose new files hold handlers written in comments, strings
and template literals next to real ones, and Go variables that merely contain the letters `err` next to real error
variables: only the real handlers and the real errors are reported, on their own lines."""

from __future__ import annotations

import json

import pytest

from readiness.cli import main

JS = ("const doc = `try { x() } catch (e) {}`;\n"  # 1
      "// try { x() } catch (e) {}\n"  # 2
      "/* catch (e) {} */\n"  # 3
      'const s = "catch (e) {}";\n'  # 4
      "export function f() {\n"  # 5
      "  try { a(); } catch (e) {}\n"  # 6: real
      "}\n")
PY = ('def f():\n    s = """\n    try:\n        x()\n    except Exception:\n        pass\n    """\n    return s\n\n\n'
      "def g():\n    try:\n        x()\n    except Exception:\n        pass\n")  # 14: real
GO = ("package src\n\n"
      "func F() {\n"  # 3
      "\tvar stderr bytes.Buffer\n\t_ = stderr\n"  # 5
      "\tinterrupted := make(chan os.Signal, 1)\n\t_ = interrupted\n"  # 7
      "\tif deferredCleanup != nil {\n\t}\n"  # 8
      "\terr := g()\n\t_ = err\n"  # 11: real
      "\tif readErr != nil {\n\t}\n"  # 12: real
      "}\n")


@pytest.fixture
def branch(git_repo):
    git_repo.write("README.md", "# proj\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("src/a.js", JS)
    git_repo.write("src/c.py", PY)
    git_repo.write("src/b.go", GO)
    git_repo.commit("handlers")
    return git_repo


def test_only_real_handlers_and_real_errors_are_reported(capsys, branch):
    code = main(["check", "--repo", str(branch.path), "--no-cache", "--format", "json"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    found = sorted((f["path"], f["line"], f["rule"]) for f in json.loads(out)["findings"]
                   if f["category"] == "silent-failure" and f["severity"] == "warning")
    assert found == [("src/a.js", 6, "silent-failure/empty-catch"),
                     ("src/b.go", 11, "silent-failure/go-discarded-error"),
                     ("src/b.go", 12, "silent-failure/go-empty-error-branch"),
                     ("src/c.py", 14, "silent-failure/python-swallowed")]
