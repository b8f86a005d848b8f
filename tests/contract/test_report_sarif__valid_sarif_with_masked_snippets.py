"""`readiness check --format sarif`: SARIF 2.1.0 with rules, locations, fingerprints, suppressions; nothing leaks."""

import json
import random
import string

import pytest

from readiness.cli import main

pytestmark = pytest.mark.contract


def test_sarif_report_carries_every_finding(capsys, git_repo):
    git_repo.write("README.md", "# x\n\n## Usage\n\nrun it\n\n## Troubleshooting\n\nask\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    token = "gh" + "p_" + "".join(random.Random(3).choices(string.ascii_letters + string.digits, k=36))
    git_repo.write("my pkg/pay.py", f'TOKEN = "{token}"\n\n\ndef refund():\n    raise NotImplementedError\n'
                   "\n\ndef ok():  # readiness: ignore[missing-docs] trivial\n    return 1\n")
    code = main(["check", "--repo", str(git_repo.path), "--format", "sarif"])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert token not in out and token[4:] not in out
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["name"] == "readiness"
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert {r["ruleId"] for r in results} == set(rules)
    for result in results:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["partialFingerprints"]["readiness/v1"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "SRCROOT"
    stub = next(r for r in results if r["ruleId"] == "todo-throw/python-stub")
    location = stub["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20pkg/pay.py"
    assert location["region"]["startLine"] == 5
    assert stub["level"] == "error"
    secret = next(r for r in results if r["ruleId"].startswith("hardcoded-secret/"))
    assert "ghp_****" in secret["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"].startswith("file:///")
    waived = [r for r in results if "suppressions" in r]
    assert [(r["ruleId"], r["suppressions"][0]["justification"]) for r in waived] == [
        ("missing-docs/missing-docstring", "trivial")]
