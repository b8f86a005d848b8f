"""silent-failure/no-baseline-signal points at code paths where a failure disappears, not at modules that do I/O or
handle errors: a handler that re-raises, raises a typed error, returns the outcome to the caller, records it, goes
round a bounded retry, or is one branch of a decision propagates the failure; I/O whose errors raise propagates
them. (All files here emit no log, metric or stderr message, so only the code path decides.)"""

import pytest

from readiness.core.scan import engine as scan

PROPAGATED = [
    ("typed-error-raised-from-none",
     "from pkg.errors import ConfigError\n\n\ndef read(path):\n    try:\n        return path.read_text()\n"
     "    except OSError as exc:\n        raise ConfigError(f'cannot read {path}: {exc.strerror}') from None\n"),
    ("re-raised-after-cleanup",
     "import os\n\n\ndef write(path, data):\n    try:\n        path.write_bytes(data)\n    except OSError:\n"
     "        os.unlink(path)\n        raise\n"),
    ("outcome-returned-as-a-result-value",
     "from pkg.model import FileRead\n\n\ndef read(path):\n    try:\n        data = path.read_bytes()\n"
     "    except OSError as exc:\n        return FileRead(path, None, f'unreadable ({exc.strerror})')\n"
     "    return FileRead(path, data, None)\n"),
    ("io-alone-raises-its-errors", "def digest(path):\n    return hash(path.read_bytes())\n"),
    ("expected-condition-with-a-default",
     "def lookup(table, key):\n    try:\n        return table[key]\n    except KeyError:\n        return None\n"),
    ("none-returned-when-the-try-body-returns",
     "def load(path):\n    try:\n        return path.read_text()\n    except OSError:\n        pass\n"),
    ("outcome-flag-returned-after-the-try",
     "import os\n\n\ndef can_link(a, b):\n    try:\n        os.symlink(a, b)\n        supported = True\n"
     "    except OSError:\n        supported = False\n    return supported\n"),
    ("failure-recorded",
     "def read_all(paths):\n    failed = []\n    for path in paths:\n        try:\n            path.read_text()\n"
     "        except OSError:\n            failed.append(path)\n    return failed\n"),
    ("bounded-retry-raises-when-exhausted",
     "def save(store, data):\n    for _ in range(3):\n        try:\n            store.write(data)\n"
     "        except ConnectionError:\n            continue\n        return\n    raise RuntimeError('gave up')\n"),
    ("try-else-is-a-decision",
     "def detect(cursor):\n    try:\n        cursor.execute('SELECT 1')\n    except DatabaseError:\n"
     "        mode = 'legacy'\n    else:\n        mode = 'modern'\n    return mode\n"),
    ("best-effort-cleanup",
     "import os\n\n\ndef close(handle, path):\n    try:\n        os.unlink(path)\n    except OSError:\n        pass\n"),
    ("explained-by-a-comment",
     "import os\n\n\ndef sync_dir(fd):\n    try:\n        os.fsync(fd)\n    except OSError:\n"
     "        pass  # some filesystems refuse fsync on directories; the rename is already atomic\n"),
    ("fallback-then-raise-on-it",
     "def config(path):\n    try:\n        text = path.read_text()\n    except OSError:\n        text = None\n"
     "    if text is None:\n        raise SystemExit(f'no {path}')\n    return text\n"),
    ("explicit-check-false-is-a-decision",
     "import subprocess\n\n\ndef open_editor(path):\n    subprocess.run(['vi', path], check=False)\n"),
]

SILENT = [
    ("skipped-in-a-loop",
     "def sizes(paths):\n    out = {}\n    for path in paths:\n        try:\n            data = path.read_bytes()\n"
     "        except OSError:\n            continue\n        out[path] = len(data)\n    return out\n",
     6, "handles OSError"),
    ("broad-handler-with-a-fallback-value",
     "def load_session(cache, key):\n    try:\n        data = cache.get(key)\n    except Exception:\n"
     "        data = None\n    if data is not None:\n        return data\n    return {}\n",
     4, "handles Exception"),
    ("corrupt-file-read-as-empty",
     "import json\n\n\ndef load(path):\n    try:\n        return json.loads(path.read_text())\n"
     "    except json.JSONDecodeError:\n        return {}\n",
     7, "handles JSONDecodeError"),
    ("unchecked-exit-status",
     "import subprocess\n\n\ndef deploy():\n    subprocess.run(['rsync', 'a', 'b'])\n",
     5, "drops the exit status of subprocess.run"),
]


def _findings(git_repo, scan_context, text):
    git_repo.write("pkg/mod.py", text)
    return scan.run(scan_context(git_repo), scanners=["observability"])


@pytest.mark.parametrize("text", [c[1] for c in PROPAGATED], ids=[c[0] for c in PROPAGATED])
def test_propagated_failure_is_not_reported(git_repo, scan_context, text):
    assert _findings(git_repo, scan_context, text) == []


@pytest.mark.parametrize("text, line, what", [c[1:] for c in SILENT], ids=[c[0] for c in SILENT])
def test_failure_that_disappears_is_reported(git_repo, scan_context, text, line, what):
    (finding,) = _findings(git_repo, scan_context, text)
    assert finding.line == line
    assert finding.message.startswith(f"this {what}")
    assert "pkg/mod.py emits no log, metric or stderr message anywhere" in finding.message


def test_several_places_in_one_file_are_counted_on_the_first(git_repo, scan_context):
    text = SILENT[0][1] + "\n\n" + SILENT[3][1].replace("import subprocess\n\n\n", "import subprocess\n")
    (finding,) = _findings(git_repo, scan_context, text)
    assert finding.line == 6
    assert "(1 more such place in this file)" in finding.message


WEIRD = [
    "try:\n    x = (" * 3 + "\nexcept OSError:\n    pass\n",  # unbalanced
    "s = '''\ntry:\n    open(p)\nexcept OSError:\n    pass\n'''\n",  # a handler inside a string
    "def f():\n\ttry:\n\t\topen(p)\n\texcept OSError:\n\t\tpass\n",  # tabs
    "def f():\r\n    try:\r\n        open(p)\r\n    except OSError:\r\n        x = 1\r\n",  # CRLF
    "def f():\n    try:\n        open(p)\n    except (\n        OSError,\n        IOError,\n    ):\n        x = 1\n",
    "def f():\n    try:\n        open(p)\n    except OSError:\n        x = " + "(" * 300 + "1" + ")" * 300 + "\n",
    "def f():\n    try:\n        open(p)\n    except OSError:\n        x = a" + ".b()" * 3000 + "\n",
    "except OSError:\n    pass\n",  # no try at all
]


@pytest.mark.parametrize("text", WEIRD, ids=range(len(WEIRD)))
def test_weird_input_never_raises(git_repo, scan_context, text):
    for finding in _findings(git_repo, scan_context, text):
        assert finding.rule == "silent-failure/no-baseline-signal"
