"""silent-failure/no-baseline-signal (the observability scanner): changed code doing I/O or handling an error
without propagating it, in a file that emits no log, metric or stderr message: an info hint, never more."""

import pytest

from readiness.core import scan
from readiness.core.scanners import observability

CASES = [
    # (id, path, text, expected [(line, what)])
    ("py-io-without-logging", "pkg/store.py", "def load(p):\n    with open(p) as f:\n        return f.read()\n",
     [(2, "does I/O")]),
    ("py-io-with-logging", "pkg/store.py", "import logging\n\nlogger = logging.getLogger(__name__)\n\n\n"
     "def load(p):\n    with open(p) as f:\n        return f.read()\n", []),
    ("py-handled-error-without-signal", "pkg/parse.py",
     "def parse(s):\n    try:\n        return int(s)\n    except ValueError:\n        return 0\n",
     [(4, "handles an error")]),
    ("py-translated-error-propagates", "pkg/parse.py",
     "def parse(s):\n    try:\n        return int(s)\n    except ValueError as e:\n        raise ParseError(s) from e\n", []),
    ("py-stderr-counts-as-signal", "pkg/parse.py",
     "import sys\n\n\ndef parse(s):\n    try:\n        return int(s)\n    except ValueError:\n"
     "        print('bad', file=sys.stderr)\n        return 0\n", []),
    ("py-pure-code", "pkg/maths.py", "def add(a, b):\n    return a + b\n", []),
    ("go-error-returned", "svc/a.go", "package svc\n\nfunc F() error {\n\tif err := g(); err != nil {\n"
     "\t\treturn err\n\t}\n\treturn nil\n}\n", []),
    ("go-any-return-in-the-branch-counts-as-propagating", "svc/a.go", "package svc\n\nfunc F() int {\n\tif err := g(); err != nil {\n"
     "\t\treturn 0\n\t}\n\treturn 1\n}\n", []),
    ("go-error-fallback", "svc/a.go", "package svc\n\nfunc F() (n int) {\n\tif err := g(); err != nil {\n"
     "\t\tn = 1\n\t}\n\treturn\n}\n", [(4, "handles an error")]),
    ("js-fetch-without-logging", "src/api.js", "export async function get(u) {\n  const r = await fetch(u)\n"
     "  return r.json()\n}\n", [(2, "does I/O")]),
    ("js-catch-with-console", "src/api.js", "export async function get(u) {\n  try {\n    return await fetch(u)\n"
     "  } catch (e) {\n    console.error(e)\n  }\n}\n", []),
    ("test-files-are-skipped", "tests/test_store.py", "def test_load(tmp_path):\n    open(tmp_path / 'x')\n", []),
]


@pytest.mark.parametrize("path, text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_baseline_signal(git_repo, scan_context, path, text, expected):
    git_repo.write(path, text)
    findings = scan.run(scan_context(git_repo), scanners=["observability"])
    assert [(f.line, f.message.split(",")[0].removeprefix("this ")) for f in findings] == expected
    assert all(f.rule == "silent-failure/no-baseline-signal" and str(f.severity) == "info" for f in findings)


def test_only_changed_lines_count(git_repo, scan_context):
    git_repo.write("pkg/store.py", "def load(p):\n    with open(p) as f:\n        return f.read()\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("pkg/store.py", "def load(p):\n    with open(p) as f:\n        return f.read()\n\n\n"
                                   "def size(p):\n    return 1\n")
    assert scan.run(scan_context(git_repo), scanners=["observability"]) == []
    assert [f.line for f in scan.run(scan_context(git_repo, "all"), scanners=["observability"])] == [2]


def test_applicability(git_repo, scan_context):
    git_repo.write("pkg/maths.py", "def add(a, b):\n    return a + b\n")
    assert observability.applicability(scan_context(git_repo)) == {"silent-failure/no-baseline-signal": False}
    git_repo.write("pkg/store.py", "import logging\n\n\ndef load(p):\n    logging.info(p)\n    return open(p)\n")
    # applies (I/O changed) even though this file already logs: the checklist item is then answered by the scan
    assert observability.applicability(scan_context(git_repo)) == {"silent-failure/no-baseline-signal": True}
