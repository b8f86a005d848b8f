"""The real pre-commit integration: pre-commit (installed from PyPI into a temporary venv) runs this checkout's
hooks (`.pre-commit-hooks.yaml`, `repo: <this checkout>`, `rev: <its HEAD commit>`) in a temporary repository.
The pre-push `readiness` hook blocks a branch with a planted TODO throw and passes once it is gone; the pre-commit
`readiness-staged` hook judges what is staged, not the work tree."""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
README = "# shop\n\n## Usage\n\n`python -m shop`\n\n## Troubleshooting\n\nAsk.\n"
STUB = 'def refund(order):\n    """Give the money back."""\n    raise NotImplementedError\n'
REAL = 'def refund(order):\n    """Give the money back."""\n    return -order\n'
TEST = ("import pytest\n\nfrom shop.pay import refund\n\n\ndef test_refund():\n    assert refund(2) == -2\n"
        "    with pytest.raises(TypeError):\n        refund(None)\n")


@pytest.fixture(scope="module")
def pre_commit(tmp_path_factory):
    """pre-commit in its own venv (from PyPI), with a PRE_COMMIT_HOME of its own."""
    if not (ROOT / ".git").exists():
        pytest.fail(f"{ROOT} is not a git checkout: pre-commit needs `repo:` and `rev:`")
    home = tmp_path_factory.mktemp("pre-commit")
    venv.create(home / "venv", with_pip=True)
    python = home / "venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "pre-commit"], check=True, timeout=600)
    env = {**os.environ, "PRE_COMMIT_HOME": str(home / "cache"), "PRE_COMMIT_COLOR": "never"}
    env["PATH"] = f"{home / 'venv' / 'bin'}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    return [str(home / "venv" / "bin" / "pre-commit")], env


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def _commit(repo: Path, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--no-verify", "-m", message)


def _run(pre_commit, repo: Path, *args: str) -> subprocess.CompletedProcess:
    command, env = pre_commit
    return subprocess.run([*command, "run", *args], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=900)


@pytest.fixture
def project(tmp_path):
    rev = _git(ROOT, "rev-parse", "HEAD").strip()
    repo = tmp_path / "shop"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: readiness\n"
        "      - id: readiness-staged\n", encoding="utf-8")
    (repo / "README.md").write_text(README, encoding="utf-8")
    (repo / "shop").mkdir()
    (repo / "shop" / "__init__.py").write_text("", encoding="utf-8")
    (repo / "tests").mkdir()
    _commit(repo, "base")
    _git(repo, "checkout", "-q", "-b", "feature/refunds")
    return repo


def test_pre_push_hook_blocks_a_todo_throw_and_passes_without_it(pre_commit, project):
    (project / "shop" / "pay.py").write_text(STUB, encoding="utf-8")
    (project / "tests" / "test_pay.py").write_text(TEST, encoding="utf-8")
    _commit(project, "refunds, stubbed")
    blocked = _run(pre_commit, project, "--hook-stage", "pre-push", "--all-files")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "todo-throw/python-stub" in blocked.stdout and "not ready" in blocked.stdout

    (project / "shop" / "pay.py").write_text(REAL, encoding="utf-8")
    _commit(project, "refunds, implemented")
    passed = _run(pre_commit, project, "--hook-stage", "pre-push", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_pre_commit_hook_judges_the_staged_content(pre_commit, project):
    (project / "shop" / "pay.py").write_text(STUB, encoding="utf-8")
    (project / "tests" / "test_pay.py").write_text(TEST, encoding="utf-8")
    _git(project, "add", "-A")
    (project / "shop" / "pay.py").write_text(REAL, encoding="utf-8")  # fixed in the work tree only
    # pre-commit stashes unstaged changes itself; readiness reads the index either way
    blocked = _run(pre_commit, project, "readiness-staged")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "todo-throw/python-stub" in blocked.stdout
    _git(project, "add", "-A")
    passed = _run(pre_commit, project, "readiness-staged")
    assert passed.returncode == 0, passed.stdout + passed.stderr
