"""Found (issue 13): `readiness blocker add --summary "password=hunter2hunter2 on staging"` wrote the password into
the README. Text holding a secret-named assignment is refused like a token: exit 2, the value masked in the
message, nothing written."""

from __future__ import annotations

import pytest

from readiness.cli import main

README = "# Demo\n\n## Blockers\n\n"


def cli(capsys, repo, *args):
    code = main([*args, "--repo", str(repo.path)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(git_repo):
    git_repo.write("README.md", README)
    git_repo.commit("base")
    return git_repo


@pytest.mark.parametrize(("args", "value"), [
    (["--summary", "password=hunter2hunter2 on staging"], "hunter2hunter2"),
    (["--summary", "staging login broken", "--details", "DB_PASSWORD: s3cr3tPw9 was rotated"], "s3cr3tPw9"),
    (["--summary", "api_key = 'Qw7rT2zL' leaks"], "Qw7rT2zL"),
])
def test_a_weak_password_assignment_is_refused_masked_and_nothing_is_written(capsys, project, args, value):
    before = (project.path / "README.md").read_bytes()
    code, out, err = cli(capsys, project, "blocker", "add", "--class", "environment", *args)
    assert code == 2, (out, err)
    assert "looks like it contains a secret" in err and "****" in err and err.count("\n") == 1
    assert value not in out + err
    assert (project.path / "README.md").read_bytes() == before


@pytest.mark.parametrize("summary", ["password reset emails are not sent", "token: expired on staging",
                                     "api_key = os.environ['KEY'] is unset in CI", "password: see the vault"])
def test_text_about_secrets_without_a_value_is_accepted(capsys, project, summary):
    code, out, err = cli(capsys, project, "blocker", "add", "--class", "environment", "--summary", summary)
    assert code == 0, err
    assert summary.split()[0] in (project.path / "README.md").read_text()


def test_a_check_off_note_with_a_weak_password_is_refused_and_nothing_is_stored(capsys, project):
    project.git("checkout", "-q", "-b", "feature/x")
    project.write("pkg/mod.py", "def f():\n    return 1\n")
    project.commit("feature")
    code, out, err = cli(capsys, project, "checklist", "check", "implemented", "rollout", "--note",
                         "canary used password=hunter2hunter2")
    assert code == 2 and "looks like it contains a secret" in err and "hunter2hunter2" not in out + err
    assert not (project.path / ".git" / "readiness" / "checklists.json").exists()
