"""One masking path for free text: a secret on an evidence log line (after text that reads like an annotation,
`Error: No module named x token=...`) is masked in what triage prints, in the ticket and in the README; a gate
result is stored without the secrets its command, output, summary or details carried."""

from __future__ import annotations

import json
import random

import pytest
from hostile import run_cli

from readiness.core.gates import store
from readiness.core.models import GateResult, GateStatus
from readiness.core.names import masked_text


@pytest.fixture
def aws_secret(fake_secrets):
    return fake_secrets["aws-secret-access-key"][0](random.Random(7))


@pytest.fixture
def token(fake_secrets):
    return fake_secrets["github-token"][0](random.Random(8))


def test_masked_text_reads_each_assignment_on_its_own(aws_secret):
    line = f"E   ModuleNotFoundError: No module named foo token={aws_secret}"
    assert aws_secret not in masked_text(line)
    assert masked_text(line).endswith("token=****")
    assert masked_text("plain words: nothing = secret here") == "plain words: nothing = secret here"


def test_triage_evidence_line_is_masked_when_printed_and_saved(capsys, git_repo, tmp_path, aws_secret):
    git_repo.write("README.md", "# demo\n")
    git_repo.commit("initial")
    log = tmp_path / "pytest.log"
    log.write_text(f"E   ModuleNotFoundError: No module named foo token={aws_secret}\n")
    code, out, err = run_cli(capsys, "triage", "--class", "auto", "--summary", "cannot import", "--evidence",
                             str(log), "--repo", str(git_repo.path))
    assert code == 0, err
    assert "ModuleNotFoundError" in out and aws_secret not in out + err
    stored = [p for p in (git_repo.path / ".git" / "readiness").rglob("*") if p.is_file()]
    assert any(p.parent.name == "tickets" for p in stored)
    for path in [*stored, git_repo.path / "README.md"]:
        assert aws_secret.encode() not in path.read_bytes(), path


def test_gate_results_are_stored_masked(tmp_path, token, aws_secret):
    result = GateResult(id="smoke", status=GateStatus.PASS, command=f"echo {token}", duration_s=0.1,
                        summary=f"ran echo {token}", output=f"$ echo {token}\n{token}\nkey token={aws_secret} ok\n",
                        details=(f"echo {token}",))
    git_dir = tmp_path / "git"
    store.save(git_dir, {"smoke": store.result_to(result)})
    text = store.store_file(git_dir).read_text()
    assert token not in text and aws_secret not in text
    data = json.loads(text)["gates"]["smoke"]
    assert data["command"].startswith("echo gh") and "****" in data["command"]
    assert "****" in data["output"] and "****" in data["summary"] and "****" in data["details"][0]
