"""No generated secret ever reaches the output of a whole `readiness check` run, in any format or scope.

Property: for fake secrets of every hard-coded-secret rule (and values flowing into print/log calls), planted in
a real repository (committed on a feature branch, or left untracked), every report format of `readiness check`
and `readiness check --all` mentions each rule, and no 12-character piece of any value appears on stdout or
stderr. Seeds drive `random.Random`, so every example is random-looking and replayable.
"""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.cli import main
from readiness.render.formats import RENDERERS

WINDOW = 12


def _pieces(value: str) -> set[str]:
    parts = [line for line in value.splitlines() if line] or [value]
    return {part[i:i + WINDOW] for part in parts for i in range(max(1, len(part) - WINDOW + 1))}


def _plant(repo, fake_secrets, seed: int) -> tuple[list[str], set[str]]:
    """Write every rule's secret (and printed ones) into the work tree; return the values and expected rules."""
    rng = random.Random(seed)
    files: dict[str, list[str]] = {}
    values: list[str] = []
    for make, path, template in fake_secrets.values():
        value = make(rng)
        values.append(value)
        files.setdefault(path, []).append(template.format(v=value))
    inline = fake_secrets["github-token"][0](rng)
    values.append(inline)
    low = "pw-" + "".join(rng.choice("abcdefghijkmnopqrstuvwyz") for _ in range(9))  # too plain for a rule
    values.append(low)
    files["report.py"] = [
        "import logging",
        "log = logging.getLogger(__name__)",
        f'DB_PASSWORD = "{low}"',
        "def show(api_token, password):",
        f'    print(api_token, "{inline}")',
        '    log.info("db password %s", DB_PASSWORD)',
        "    print(f'password={password}')",
    ]
    files["chat.js"].append("console.log(slack);")
    for path, lines in files.items():
        repo.write(path, "\n".join(lines) + "\n")
    expected = {f"hardcoded-secret/{rule}" for rule in fake_secrets} | {"printed-secret/print", "printed-secret/log"}
    return values, expected


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main(["check", *argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@settings(max_examples=3, deadline=None, derandomize=False,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), committed=st.booleans())
def test_generated_secrets_never_appear_in_any_report(make_git_repo, fake_secrets, capsys, seed, committed):
    repo = make_git_repo("leak")
    repo.write("README.md", "# app\n")
    repo.commit("initial")
    if committed:
        repo.git("checkout", "-q", "-b", "feature")
    values, expected = _plant(repo, fake_secrets, seed)
    if committed:
        repo.commit("add config")
    pieces = set().union(*(_pieces(v) for v in values))
    runs = [("--format", "json"), ("--format", "text")] + [("--all", "--format", fmt) for fmt in sorted(RENDERERS)]
    for argv in runs:
        code, output = _run(capsys, "--repo", str(repo.path), *argv)
        assert code == 1, (argv, output[-2000:])
        leaked = sorted(p for p in pieces if p in output)
        assert not leaked, f"{argv}: {len(leaked)} secret pieces leaked"
        if argv[-1] == "json":
            report = json.loads(output)
            assert expected <= {f["rule"] for f in report["findings"]}, argv
            assert all("****" in f["snippet"] for f in report["findings"]
                       if f["rule"].startswith("hardcoded-secret/") and f["rule"] != "hardcoded-secret/private-key")


def test_secret_key_file_stays_in_the_git_dir(make_git_repo, fake_secrets, capsys):
    repo = make_git_repo("keyfile")
    repo.write("README.md", "# app\n")
    repo.commit("initial")
    _plant(repo, fake_secrets, 5)
    code, _ = _run(capsys, "--repo", str(repo.path), "--format", "json")
    assert code == 1
    assert (repo.path / ".git" / "readiness" / "secret-key").is_file()
    assert "readiness" not in repo.git("status", "--porcelain", "--ignored")


@pytest.mark.slow
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_many_generated_secrets_never_appear_in_json(make_git_repo, fake_secrets, capsys, seed):
    repo = make_git_repo("leakmany")
    values, expected = _plant(repo, fake_secrets, seed)
    pieces = set().union(*(_pieces(v) for v in values))
    code, output = _run(capsys, "--repo", str(repo.path), "--all", "--format", "json")
    assert code == 1 and not [p for p in pieces if p in output]
    assert expected <= {f["rule"] for f in json.loads(output)["findings"]}


def test_a_secret_on_a_line_reported_by_another_scanner_is_masked(make_git_repo, fake_secrets, capsys):
    repo = make_git_repo("other")
    token = fake_secrets["github-token"][0](random.Random(11))
    repo.write("pay.py", f'def refund(order):\n    raise NotImplementedError("TODO: use {token}")\n')
    code, output = _run(capsys, "--repo", str(repo.path), "--all", "--format", "json")
    assert "todo-throw/python-stub" in output
    assert token not in output
