"""Huge output costs bounded memory; invalid UTF-8 is replaced; escape sequences are stripped; secrets masked."""

from __future__ import annotations

import secrets
import string
import sys
import time
import tracemalloc

import pytest

from readiness.core.gates import runner

pytestmark = pytest.mark.integration  # real processes: the full suite (CI), not the quick one

PRINTER = ("import sys\nline = b'x' * 99 + b'\\n'\nblock = line * 10000\nfor _ in range({n}):\n"
           "    sys.stdout.buffer.write(block)\n")


def _flood(tmp_path, megabytes: int, stream_lines: bool) -> tuple[runner.Outcome, int, int]:
    seen = [0]

    def count(lines):
        seen[0] += len(lines)

    tracemalloc.start()
    try:
        outcome = runner.run([sys.executable, "-c", PRINTER.format(n=megabytes)], cwd=tmp_path, timeout=300,
                             on_lines=count if stream_lines else None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return outcome, peak, seen[0]


@pytest.mark.parametrize(("megabytes", "stream_lines"), [(50, False), (10, True)], ids=["captured", "streamed"])
def test_megabytes_of_output_are_drained_with_bounded_memory(tmp_path, megabytes, stream_lines):
    outcome, peak, lines = _flood(tmp_path, megabytes, stream_lines)
    assert outcome.exit_code == 0
    assert outcome.bytes_total == megabytes * 1_000_000
    assert len(outcome.head) <= runner.HEAD_BYTES and len(outcome.tail) <= runner.TAIL_BYTES
    assert outcome.omitted > (megabytes - 1) * 1_000_000
    assert "bytes of output omitted" in outcome.output
    assert peak < 8 * 1024 * 1024, f"peak Python allocation {peak} bytes"
    assert lines == (megabytes * 10_000 if stream_lines else 0)


@pytest.mark.slow
def test_two_hundred_megabytes_are_drained_with_bounded_memory(tmp_path):
    outcome, peak, _ = _flood(tmp_path, 200, stream_lines=False)
    assert outcome.exit_code == 0 and outcome.bytes_total == 200 * 1_000_000
    assert peak < 8 * 1024 * 1024


def test_a_fast_printer_is_still_killed_on_time(tmp_path):
    started = time.monotonic()
    outcome = runner.run(["sh", "-c", "yes readiness"], cwd=tmp_path, timeout=1, kill_grace=1)
    assert outcome.timed_out
    assert time.monotonic() - started < 6
    assert outcome.bytes_total > 0 and len(outcome.tail) <= runner.TAIL_BYTES


def test_invalid_utf8_and_escape_sequences_are_cleaned(tmp_path):
    raw = (b"bad bytes \xff\xfe here\n"
           b"clipboard \x1b]52;c;SGVsbG8=\x07 title \x1b]0;PWNED\x1b\\ end\n"
           b"\x1b[31mred\x1b[0m \x1b[2J\x1b[H bell\x07 c1\xc2\x9b31m\n"
           b"progress 10%\rprogress 100%\n"
           b"no newline at the end")
    script = tmp_path / "emit.py"
    script.write_text(f"import sys\nsys.stdout.buffer.write({raw!r})\n")
    collected: list[str] = []
    outcome = runner.run([sys.executable, str(script)], cwd=tmp_path, timeout=30, on_lines=collected.extend)
    for text in (outcome.output, "\n".join(collected)):
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
        assert "PWNED" not in text and "SGVsbG8" not in text
        assert "bad bytes \ufffd\ufffd here" in text
        assert "red" in text and "bell" in text
        assert "progress 100%" in text
        assert "no newline at the end" in text
    assert collected[-1] == "no newline at the end"


def test_secrets_in_gate_output_are_masked(tmp_path, monkeypatch):
    token = "gh" + "p_" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(36))
    env_value = "s3cr3t-" + secrets.token_hex(12)
    monkeypatch.setenv("DEPLOY_PASSWORD", env_value)
    code = f"print('token: {token}')\nimport os\nprint('pw=' + os.environ['DEPLOY_PASSWORD'])\n"
    collected: list[str] = []
    outcome = runner.run([sys.executable, "-c", code], cwd=tmp_path, timeout=30, on_lines=collected.extend)
    for text in (outcome.output, "\n".join(collected)):
        assert token not in text and token[8:] not in text
        assert env_value not in text
        assert "****" in text
