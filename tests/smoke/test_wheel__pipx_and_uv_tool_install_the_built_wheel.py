"""The built wheel installs as a user would install it: `pipx install` and `uv tool install` of the wheel (pipx and
uv from PyPI, in a temporary venv; every install location under tmp), then `readiness --version` from each, and the
`gates` extra brings the tools the gates run."""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from readiness import __version__

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def _run(argv, **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(a) for a in argv], capture_output=True, text=True, timeout=900, **kwargs)
    assert proc.returncode == 0, f"{argv}: {proc.stdout[-2000:]}{proc.stderr[-2000:]}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", out, ROOT])
    (built,) = out.glob("readiness-*.whl")
    return built


@pytest.fixture(scope="module")
def tools(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("installers")
    venv.create(home / "venv", with_pip=True)
    _run([home / "venv" / "bin" / "python", "-m", "pip", "install", "--quiet", "pipx", "uv"])
    return home / "venv" / "bin"


def test_the_wheel_holds_the_package_data(wheel):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "readiness/schema/report-v1.json" in names
    assert any(n.startswith("readiness/checklists/") and n.endswith(".toml") for n in names)
    assert any(n.endswith(".tcss") for n in names)


def test_pipx_install_of_the_wheel_runs(wheel, tools, tmp_path):
    env = {**os.environ, "PIPX_HOME": str(tmp_path / "pipx"), "PIPX_BIN_DIR": str(tmp_path / "bin"),
           "PIPX_MAN_DIR": str(tmp_path / "man")}
    _run([tools / "pipx", "install", "--python", sys.executable, f"{wheel}[gates]"], env=env)
    out = _run([tmp_path / "bin" / "readiness", "--version"], env=env).stdout
    assert out.strip() == f"readiness {__version__}"
    venv_bin = tmp_path / "pipx" / "venvs" / "readiness" / "bin"
    assert all((venv_bin / tool).exists() for tool in ("ruff", "bandit", "coverage", "pytest"))


def test_uv_tool_install_of_the_wheel_runs(wheel, tools, tmp_path):
    env = {**os.environ, "UV_TOOL_DIR": str(tmp_path / "uv-tools"), "UV_TOOL_BIN_DIR": str(tmp_path / "bin"),
           "UV_PYTHON_DOWNLOADS": "never"}
    _run([tools / "uv", "tool", "install", "--python", sys.executable, wheel], env=env)
    out = _run([tmp_path / "bin" / "readiness", "--version"], env=env).stdout
    assert out.strip() == f"readiness {__version__}"
