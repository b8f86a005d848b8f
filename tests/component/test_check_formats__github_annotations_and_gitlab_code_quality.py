"""`check --format github` (workflow commands on stdout only, verdict on stderr, GitHub's escaping) and
`--format gitlab` (Code Quality JSON) on a real repository."""

import json
import re

import pytest

from readiness.cli import main
from readiness.render.github import command, escape_data, escape_property

COMMAND = re.compile(r"^::(error|warning|notice)( [a-z]+=[^,:]*(,[a-z]+=[^,:]*)*)?::[^\r\n]*$")
STUB = 'def refund(order):\n    """Give the money back: 100%, now."""\n    raise NotImplementedError("a, b: c")\n'


def run(capsys, repo, *args):
    code = main(["check", "--repo", str(repo.path), "--all", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def repo(git_repo):
    git_repo.write("README.md", "# x\n")
    git_repo.write("we, ird:dir/pay 100%.py", STUB)
    git_repo.commit("stub")
    return git_repo


def test_escaping_follows_the_actions_toolkit():
    assert escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"
    assert escape_property("100% a\r\nb: c, d") == "100%25 a%0D%0Ab%3A c%2C d"
    assert command("error", "m:1,\n2", file="a,b:c.py", line=3, title=None) == "::error file=a%2Cb%3Ac.py,line=3::m:1,%0A2"


def test_github_stdout_is_only_workflow_commands_and_the_verdict_goes_to_stderr(capsys, repo):
    code, out, err = run(capsys, repo, "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines and all(COMMAND.match(line) for line in lines), out
    stub = next(line for line in lines if "todo-throw/python-stub" in line)
    assert stub.startswith("::error file=we%2C ird%3Adir/pay 100%25.py,line=3,title=readiness todo-throw/python-stub::")
    assert any(line.startswith("::warning file=README.md,title=readiness missing-docs/") for line in lines)
    assert err.splitlines()[-1].startswith("✘ not ready")


def test_gitlab_code_quality_has_the_fields_gitlab_reads(capsys, repo):
    code, out, _ = run(capsys, repo, "--format", "gitlab")
    assert code == 1
    issues = json.loads(out)
    stub = next(i for i in issues if i["check_name"] == "todo-throw/python-stub")
    assert stub["severity"] == "critical"
    assert stub["location"] == {"path": "we, ird:dir/pay 100%.py", "lines": {"begin": 3}}
    readme = next(i for i in issues if i["location"]["path"] == "README.md")
    assert readme["location"]["lines"]["begin"] == 1 and readme["severity"] == "major"
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_are_the_same_in_two_clones(capsys, git_repo, fake_secrets, tmp_path, monkeypatch):
    """A secret finding's id is keyed per clone: GitLab must not see the same finding as fixed and new each time."""
    import random
    import shutil
    import subprocess

    monkeypatch.delenv("READINESS_SECRET_KEY", raising=False)  # each clone keeps its own key
    make, path, template = fake_secrets["github-token"]
    git_repo.write("README.md", "# x\n")
    git_repo.write(path, template.format(v=make(random.Random(5))) + "\n")
    git_repo.write("pay.py", STUB + "\n" + STUB)
    git_repo.commit("two clones")
    prints = []
    for name in ("one", "two"):
        clone = tmp_path / name
        subprocess.run(["git", "clone", "-q", str(git_repo.path), str(clone)], check=True)
        code = main(["check", "--repo", str(clone), "--all", "--format", "gitlab"])
        prints.append(sorted((i["check_name"], i["fingerprint"]) for i in json.loads(capsys.readouterr().out)))
        ids = main(["check", "--repo", str(clone), "--all", "--format", "json"])
        assert code == ids == 1
        prints.append({f["id"] for f in json.loads(capsys.readouterr().out)["findings"]})
        shutil.rmtree(clone / ".git" / "readiness", ignore_errors=True)
    gitlab_one, ids_one, gitlab_two, ids_two = prints
    assert any(rule.startswith("hardcoded-secret/") for rule, _ in gitlab_one)
    assert ids_one != ids_two  # the per-clone key differs, so the ids do
    assert gitlab_one == gitlab_two
    assert len({fp for _, fp in gitlab_one}) == len(gitlab_one)


def test_baselined_findings_are_neither_annotated_nor_in_code_quality(capsys, repo):
    main(["baseline", "--repo", str(repo.path)])
    capsys.readouterr()
    code, out, err = run(capsys, repo, "--format", "github")
    assert code == 0 and out == "" and "baselined" in err
    code, out, _ = run(capsys, repo, "--format", "gitlab")
    assert code == 0 and json.loads(out) == []
