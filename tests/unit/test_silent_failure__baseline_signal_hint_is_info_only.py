"""silent-failure/no-baseline-signal (the observability scanner): changed code where a failure disappears (an error
handled without propagating it, the status of I/O dropped), in a file that emits no log, metric or stderr message:
an info hint, never more."""

import pytest

from readiness.core.scan import engine as scan
from readiness.core.scan.scanners import observability

SWALLOWED = "handles OSError and carries on without raising or returning or recording it"
CASES = [
    # (id, path, text, expected [(line, what)])
    ("py-io-propagates-its-errors", "pkg/store.py", "def load(p):\n    with open(p) as f:\n        return f.read()\n",
     []),
    ("py-io-error-swallowed-without-logging", "pkg/store.py",
     "def load(p):\n    try:\n        data = open(p).read()\n    except OSError:\n        data = ''\n"
     "    return data.upper()\n", [(4, SWALLOWED)]),
    ("py-io-error-swallowed-with-logging", "pkg/store.py",
     "import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef load(p):\n    try:\n"
     "        return open(p).read()\n    except OSError:\n        return ''\n", []),
    ("py-conversion-fallback-is-control-flow", "pkg/parse.py",
     "def parse(s):\n    try:\n        return int(s)\n    except ValueError:\n        return 0\n", []),
    ("py-translated-error-propagates", "pkg/parse.py",
     "def parse(p):\n    try:\n        return open(p).read()\n    except OSError as e:\n        raise ParseError(p) from e\n",
     []),
    ("py-stderr-counts-as-signal", "pkg/parse.py",
     "import sys\n\n\ndef load(p):\n    try:\n        return open(p).read()\n    except OSError:\n"
     "        print('bad', file=sys.stderr)\n        return ''\n", []),
    ("py-unchecked-subprocess", "pkg/run.py",
     "import subprocess\n\n\ndef build():\n    subprocess.run(['make'])\n",
     [(5, "drops the exit status of subprocess.run (no check=True)")]),
    ("py-checked-subprocess", "pkg/run.py",
     "import subprocess\n\n\ndef build():\n    subprocess.run(\n        ['make'],\n        check=True,\n    )\n", []),
    ("py-pure-code", "pkg/maths.py", "def add(a, b):\n    return a + b\n", []),
    ("go-error-returned", "svc/a.go", "package svc\n\nfunc F() error {\n\tif err := g(); err != nil {\n"
     "\t\treturn err\n\t}\n\treturn nil\n}\n", []),
    ("go-any-return-in-the-branch-counts-as-propagating", "svc/a.go", "package svc\n\nfunc F() int {\n\tif err := g(); err != nil {\n"
     "\t\treturn 0\n\t}\n\treturn 1\n}\n", []),
    ("go-error-fallback", "svc/a.go", "package svc\n\nfunc F() (n int) {\n\tif err := g(); err != nil {\n"
     "\t\tn = 1\n\t}\n\treturn\n}\n",
     [(4, "handles an error and carries on without returning or recording it")]),
    ("go-dropped-remove-error", "svc/a.go", "package svc\n\nimport \"os\"\n\nfunc Clean(p string) {\n\tos.Remove(p)\n}\n",
     [(6, "drops the error of os.Remove")]),
    ("js-fetch-rejection-propagates", "src/api.js", "export async function get(u) {\n  const r = await fetch(u)\n"
     "  return r.json()\n}\n", []),
    ("js-catch-with-fallback", "src/api.js", "export async function get(u) {\n  let r = null\n  try {\n"
     "    r = await fetch(u)\n  } catch (e) {\n    r = null\n  }\n  use(r)\n}\n",
     [(5, "catches an error and carries on without rethrowing or returning or recording it")]),
    ("js-catch-with-console", "src/api.js", "export async function get(u) {\n  try {\n    return await fetch(u)\n"
     "  } catch (e) {\n    console.error(e)\n  }\n}\n", []),
    ("test-files-are-skipped", "tests/test_store.py",
     "def test_load(tmp_path):\n    try:\n        open(tmp_path / 'x')\n    except OSError:\n        pass\n", []),
]


@pytest.mark.parametrize("path, text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_baseline_signal(git_repo, scan_context, path, text, expected):
    git_repo.write(path, text)
    findings = scan.run(scan_context(git_repo), scanners=["observability"])
    assert [(f.line, f.message.split(",")[0].removeprefix("this ")) for f in findings] == expected
    assert all(f.rule == "silent-failure/no-baseline-signal" and str(f.severity) == "info" for f in findings)


def test_only_changed_lines_count(git_repo, scan_context):
    quiet = "import subprocess\n\n\ndef build():\n    subprocess.run(['make'])\n"
    git_repo.write("pkg/run.py", quiet)
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("pkg/run.py", quiet + "\n\ndef size(p):\n    return 1\n")
    assert scan.run(scan_context(git_repo), scanners=["observability"]) == []
    assert [f.line for f in scan.run(scan_context(git_repo, "all"), scanners=["observability"])] == [5]


def test_applicability(git_repo, scan_context):
    git_repo.write("pkg/maths.py", "def add(a, b):\n    return a + b\n")
    assert observability.applicability(scan_context(git_repo)) == {"silent-failure/no-baseline-signal": False}
    git_repo.write("pkg/store.py", "import logging\n\n\ndef load(p):\n    logging.info(p)\n    return open(p)\n")
    # applies (I/O changed) even though this file already logs: the checklist item is then answered by the scan
    assert observability.applicability(scan_context(git_repo)) == {"silent-failure/no-baseline-signal": True}
