"""Every machine format validates against its schema, on a repository with findings of every kind (line and
whole-file findings, a secret, a waived and a baselined finding, odd characters in paths and messages): SARIF against
the official SARIF 2.1.0 schema, gitlab against GitLab's Code Quality format, json against the shipped report schema,
github against the workflow-command grammar."""

import json
import random
import re
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from readiness.cli import main

pytestmark = pytest.mark.contract

SCHEMAS = Path(__file__).parent / "schemas"
SARIF = json.loads((SCHEMAS / "sarif-2.1.0.json").read_text(encoding="utf-8"))
GITLAB = json.loads((SCHEMAS / "gitlab-code-quality.json").read_text(encoding="utf-8"))
REPORT = json.loads((files("readiness") / "schema" / "report-v1.json").read_text(encoding="utf-8"))
_VALUE = r"[^,:\r\n]*"  # a property value: `,` and `:` escaped as %2C and %3A
GITHUB_COMMAND = re.compile(rf"^::(error|warning|notice) file={_VALUE}(,line=[1-9][0-9]*)?,title={_VALUE}"
                            r"::[^\r\n]*$|^::error title=" + _VALUE + r"::[^\r\n]*$")


@pytest.fixture(scope="module")
def repo(make_git_repo, fake_secrets):
    repo = make_git_repo("formats")
    repo.write("README.md", "# x\n")
    repo.write("old.py", "def legacy():\n    raise NotImplementedError\n")
    repo.commit("base")
    assert main(["baseline", "--repo", str(repo.path)]) == 0
    repo.commit("baseline")
    repo.git("checkout", "-q", "-b", "feature")
    token = fake_secrets["github-token"][0](random.Random(4))
    repo.write("we, ird:dir/pay 100%.py",
               'def refund(order):\n    """Give it back: 100%, now."""\n    raise NotImplementedError("a, b: c")\n\n\n'
               "def keep():\n    raise NotImplementedError  # readiness: ignore[todo-throw] abstract by convention\n"
               f'\n\nTOKEN = "{token}"\n')
    repo.write("old.py", "import os\n\n\ndef legacy():\n    raise NotImplementedError\n")
    repo.commit("feature")
    return repo


def output(capsys, repo, fmt, *args):
    code = main(["check", "--repo", str(repo.path), "--format", fmt, *args])
    out, _ = capsys.readouterr()
    assert code == 1
    return out


@pytest.mark.parametrize("scope", [(), ("--all",)])
def test_sarif_validates_against_the_official_schema(capsys, repo, scope):
    data = json.loads(output(capsys, repo, "sarif", *scope))
    jsonschema.Draft4Validator.check_schema(SARIF)
    jsonschema.Draft4Validator(SARIF).validate(data)
    kinds = {s["kind"] for r in data["runs"][0]["results"] for s in r.get("suppressions", [])}
    assert kinds == {"inSource", "external"}  # waived and baselined findings are suppressions


@pytest.mark.parametrize("scope", [(), ("--all",)])
def test_gitlab_validates_against_the_code_quality_format(capsys, repo, scope):
    data = json.loads(output(capsys, repo, "gitlab", *scope))
    jsonschema.Draft202012Validator.check_schema(GITLAB)
    jsonschema.Draft202012Validator(GITLAB).validate(data)
    assert data and len({i["fingerprint"] for i in data}) == len(data)


@pytest.mark.parametrize("scope", [(), ("--all",)])
def test_json_validates_against_the_report_schema(capsys, repo, scope):
    data = json.loads(output(capsys, repo, "json", *scope))
    jsonschema.Draft202012Validator(REPORT).validate(data)
    assert any(f["baselined"] for f in data["findings"]) and any(f["waived"] for f in data["findings"])


@pytest.mark.parametrize("scope", [(), ("--all",)])
def test_github_is_one_workflow_command_per_line(capsys, repo, scope):
    lines = output(capsys, repo, "github", *scope).splitlines()
    assert lines
    bad = [line for line in lines if not GITHUB_COMMAND.match(line)]
    assert bad == []
    assert any("file=we%2C ird%3Adir/pay 100%25.py,line=3," in line for line in lines)
