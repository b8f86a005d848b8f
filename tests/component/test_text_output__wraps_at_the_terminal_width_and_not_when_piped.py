"""Text output of `check`, `checklist show` and `gates` wraps at the terminal's width on a terminal, at spaces
(never inside a word), and keeps one record per line when piped."""

import os
import pty
import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration  # real processes: the full suite (CI), not the quick one

LONG = ("refund() is a stub: " + " ".join(f"word{n:02d}" for n in range(25)))
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture
def repo(git_repo):
    git_repo.write("README.md", "# x\n\n## Usage\n\nx\n\n## Troubleshooting\n\nx\n")
    git_repo.write("pay.py", f'def refund(order):\n    raise NotImplementedError("{LONG}")\n')
    git_repo.commit("stub")
    return git_repo


def on_terminal(args, cwd, columns=60):
    """Run readiness with stdout on a pseudo-terminal COLUMNS wide; the lines it printed, colours removed."""
    primary, secondary = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "50", "TERM": "xterm", "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "readiness", *args], cwd=cwd, stdout=secondary,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(primary)
    proc.wait(timeout=120)
    text = ANSI.sub("", b"".join(chunks).decode("utf-8", "replace")).replace("\r\n", "\n")
    return proc.returncode, text.splitlines()


@pytest.mark.parametrize("args", [["check", "--all"], ["checklist", "show", "ready-for-review", "--all"]])
def test_on_a_terminal_lines_wrap_at_its_width_between_words(repo, args):
    code, lines = on_terminal(args, repo.path)
    assert code in (0, 1)
    assert lines and max(len(line) for line in lines) <= 60
    pieces = [piece for line in lines for piece in re.findall(r"\bwor\w*", line)]
    assert all(re.fullmatch(r"word\d\d", piece) for piece in pieces), pieces  # no word cut in two
    if args[0] == "check":
        assert {f"word{n:02d}" for n in range(25)} <= set(pieces)
        wrapped = [line for line in lines if "word" in line]
        assert len(wrapped) > 2


def test_piped_output_keeps_each_record_on_one_line(repo):
    proc = subprocess.run([sys.executable, "-m", "readiness", "check", "--all"], cwd=repo.path,
                          capture_output=True, text=True, env={**os.environ, "COLUMNS": "60"})
    stub = [line for line in proc.stdout.splitlines() if "word00" in line]
    assert len(stub) == 1 and "word24" in stub[0] and len(stub[0]) > 60
