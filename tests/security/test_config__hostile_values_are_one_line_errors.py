"""A committed configuration cannot crash readiness or point it outside the repository: huge numbers, TOML nested
thousands deep, a baseline path climbing out, configuration and checklist files symlinked outside the repository
all end in one `readiness: error:` line with exit 2 (no "internal error", no traceback)."""

from __future__ import annotations

import pytest
from hostile import run_cli

from readiness.core.config import MAX_TOML_DEPTH, parse_toml
from readiness.core.errors import ConfigError


@pytest.fixture
def repo(git_repo):
    git_repo.write("app.py", "x = 1\n")
    git_repo.write("README.md", "# demo\n")
    git_repo.commit("initial")
    return git_repo


def _error(capsys, repo, *args: str) -> str:
    code, out, err = run_cli(capsys, *args, "--repo", str(repo.path))
    assert code == 2, (code, out, err)
    assert err.startswith("readiness: error: ") and err.count("\n") == 1, err
    assert "internal error" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize(("text", "message"), [
    ("max_file_size = 9223372036854775807\n", "max_file_size must be at most 1073741824 bytes"),
    ("max_file_size = -1\n", "max_file_size must be a positive number"),
    ("performance_baseline = \"../../../../etc/passwd\"\n", "performance_baseline must be a path inside"),
    ("performance_baseline = \"/etc/passwd\"\n", "performance_baseline must be a path inside"),
    ("docs_file = \"../outside.md\"\n", "docs_file must be a path inside"),
    ("a = " + "[" * 2000 + "]" * 2000 + "\n", "nested 2000 deep"),
    ("a = " + "{b = " * 2000 + "1" + "}" * 2000 + "\n", "nested 2000 deep"),
])
@pytest.mark.parametrize("command", [("check",), ("blocker", "list"), ("checklist", "list")])
def test_hostile_readiness_toml(capsys, repo, text, message, command):
    repo.write("readiness.toml", text)
    assert message in _error(capsys, repo, *command)


def test_deep_pyproject_is_refused_too(capsys, repo):
    repo.write("pyproject.toml", "[tool.readiness]\nx = " + "[" * 3000 + "]" * 3000 + "\n")
    assert "nested 3000 deep" in _error(capsys, repo, "check")


def test_nesting_inside_strings_and_comments_does_not_count():
    text = 'a = "[[[[[[" # {{{{{{\nb = """\n' + "[" * 500 + '\n"""\n[[items]]\nid = "x"\n'
    assert parse_toml(text, "t.toml")["items"] == [{"id": "x"}]
    with pytest.raises(ConfigError, match="nested"):
        parse_toml("a = " + "[" * (MAX_TOML_DEPTH + 1) + "]" * (MAX_TOML_DEPTH + 1), "t.toml")


def test_configuration_symlinked_outside_the_repository_is_not_followed(capsys, repo, tmp_path):
    outside = tmp_path / "elsewhere.toml"
    outside.write_text("max_file_size = 5\n")
    (repo.path / "readiness.toml").symlink_to(outside)
    assert "outside the repository" in _error(capsys, repo, "check")


def test_checklist_symlinked_outside_the_repository_is_not_followed(capsys, repo, tmp_path):
    outside = tmp_path / "secret.toml"
    outside.write_text('schema_version = 1\nid = "x"\ntitle = "X"\n[[items]]\nid = "a"\ntitle = "A"\n'
                       'check = "manual"\n')
    (repo.path / "checklists").mkdir()
    (repo.path / "checklists" / "mine.toml").symlink_to(outside)
    assert "outside the repository" in _error(capsys, repo, "checklist", "list")


def test_checklists_folder_symlinked_outside_the_repository_is_not_followed(capsys, repo, tmp_path):
    (tmp_path / "lists").mkdir()
    (repo.path / "checklists").symlink_to(tmp_path / "lists")
    assert "outside the repository" in _error(capsys, repo, "checklist", "list")
