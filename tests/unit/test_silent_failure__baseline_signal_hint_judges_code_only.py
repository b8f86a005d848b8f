"""silent-failure/no-baseline-signal (the observability scanner) judges code only, as the silent-failure warnings
do: a handler written in a docstring, a string, a comment or a template literal is text, not a place where a failure
disappears; and a Go error branch is one on an error variable by Go's naming (`err`, `errRead`, `readErr`), not on a
word that merely holds the letters (`errand`). The real handlers next to them are still reported, on their line."""

import pytest

from readiness.core.scan import engine as scan

SWALLOWED = "handles OSError and carries on without raising or returning or recording it"
CATCH = "catches an error and carries on without rethrowing or returning or recording it"
GO = "handles an error and carries on without returning or recording it"
PY_HANDLER = "    try:\n        data = open(p).read()\n    except OSError:\n        data = ''\n"
GO_BRANCH = "package svc\n\nfunc F() (n int) {{\n\tif {name} != nil {{\n\t\tn = 1\n\t}}\n\treturn\n}}\n"

CASES = [
    # (id, path, text, expected [(line, what)])
    ("py-handler-in-a-string-then-a-real-one", "pkg/store.py",
     'DOC = """\n' + PY_HANDLER + '"""\n\n\ndef load(p):\n' + PY_HANDLER + "    return data.upper()\n",
     [(12, SWALLOWED)]),
    ("py-handler-only-in-a-docstring", "pkg/store.py",
     'def load(p):\n    """Never write:\n\n' + PY_HANDLER + '    """\n    return open(p).read()\n', []),
    ("py2-handler-in-a-string", "pkg/store.py", 'print "hi"\nDOC = """\n' + PY_HANDLER + '"""\n', []),
    ("py-subprocess-in-a-docstring", "pkg/run.py",
     'def build():\n    """Runs:\n\n    subprocess.run(["make"])\n    """\n    return 1\n', []),
    ("py-subprocess-after-a-docstring", "pkg/run.py",
     'import subprocess\n\n\ndef build():\n    """Runs make."""\n    subprocess.run(["make"])\n',
     [(6, "drops the exit status of subprocess.run (no check=True)")]),
    ("js-catch-in-a-comment", "src/api.js", "export function f() {\n  // } catch (e) { r = null }\n  return 1\n}\n",
     []),
    ("js-catch-in-a-template-literal", "src/api.js",
     "const doc = `\n  try {\n    r = g()\n  } catch (e) {\n    r = null\n  }\n`\n", []),
    ("js-real-catch-after-a-comment", "src/api.js",
     "/* } catch (e) { r = null } */\nexport async function get(u) {\n  let r = null\n  try {\n"
     "    r = await fetch(u)\n  } catch (e) {\n    r = null\n  }\n  use(r)\n}\n", [(6, CATCH)]),
    ("go-branch-in-a-comment", "svc/a.go", "package svc\n\n// if err != nil { n = 1 }\nfunc F() {}\n", []),
    ("go-word-holding-err", "svc/a.go", GO_BRANCH.format(name="errand"), []),
    ("go-err", "svc/a.go", GO_BRANCH.format(name="err"), [(4, GO)]),
    ("go-read-err", "svc/a.go", GO_BRANCH.format(name="readErr"), [(4, GO)]),
]


@pytest.mark.parametrize("path, text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_baseline_signal_on_code_only(git_repo, scan_context, path, text, expected):
    git_repo.write(path, text)
    findings = scan.run(scan_context(git_repo), scanners=["observability"])
    assert [(f.line, f.message.split(",")[0].removeprefix("this ")) for f in findings] == expected
