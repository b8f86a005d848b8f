"""Shared fixtures: real temporary git repositories with fixed identities and dates (no mocked git)."""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import hypothesis
import pytest
from fakes import EmptyRepository

FIXED_DATE = "2024-01-02T03:04:05+00:00"
_counter = itertools.count()


# Property tests explore new random examples on a developer's machine; in CI (CI=true) they replay the same ones, so
# a run's verdict does not depend on the draw (a failure found locally is fixed and kept as a plain regression test).
hypothesis.settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis.settings.load_profile("ci")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The methodology's execution profiles: the quick suite is unit + component + smoke + security (hostile
    repositories, tests/security) (+ the fast contract tests), under 60 s; the full suite adds integration (real ruff, pytest, coverage, bandit runs) and end-to-end tests (the
    terminal UI driven through Pilot and snapshots, tests/tui). Those are marked `slow` as well, so
    `pytest -m "not slow"` is the quick suite and `pytest -m slow` the rest; CI runs both."""
    tui = Path(__file__).parent / "tui"
    for item in items:
        if item.path.is_relative_to(tui) and item.get_closest_marker("e2e") is None:
            item.add_marker(pytest.mark.e2e)
        if (item.get_closest_marker("integration") or item.get_closest_marker("e2e")) \
                and item.get_closest_marker("slow") is None:
            item.add_marker(pytest.mark.slow)


def pytest_configure(config: pytest.Config) -> None:
    """When the environment forbids bytecode in the source tree (PYTHONDONTWRITEBYTECODE), keep it in a cache
    outside the tree instead (sys.pycache_prefix): otherwise every xdist worker recompiles and re-rewrites every
    test module and every readiness module on each run (about 4 s per worker), and so does each `python -m
    readiness` the tests start. Children get the prefix too and only read from it (they still write nothing);
    the build gate is unaffected (it runs compileall with -I and its own pycache_prefix)."""
    if not sys.dont_write_bytecode:
        return
    prefix = Path(tempfile.gettempdir()) / f"readiness-tests-pycache-{os.getuid()}"
    sys.pycache_prefix = str(prefix)
    sys.dont_write_bytecode = False
    os.environ["PYTHONPYCACHEPREFIX"] = str(prefix)

# The helper's git settings, given once through the environment (GIT_CONFIG_COUNT/KEY_n/VALUE_n, git >= 2.31)
# rather than as `-c` options or `git config` calls in each test: identities and dates are fixed, the user's and
# the system's configuration are ignored, file:// submodules and clones are allowed.
_GIT_SETTINGS = {
    "GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@example.com", "GIT_AUTHOR_DATE": FIXED_DATE,
    "GIT_COMMITTER_NAME": "Test Committer", "GIT_COMMITTER_EMAIL": "committer@example.com",
    "GIT_COMMITTER_DATE": FIXED_DATE, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C",
    "GIT_CONFIG_COUNT": "2", "GIT_CONFIG_KEY_0": "init.defaultBranch", "GIT_CONFIG_VALUE_0": "main",
    "GIT_CONFIG_KEY_1": "protocol.file.allow", "GIT_CONFIG_VALUE_1": "always",
}


def git_env() -> dict[str, str]:
    """The environment of the helper's own git calls: no caller GIT_* variables, no user config, fixed dates."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(_GIT_SETTINGS)
    return env


def run_git(cwd: str | os.PathLike[str], *args: str, check: bool = True) -> str:
    """Run git in `cwd` (file:// submodules and clones allowed) and return stdout; fail loudly on error."""
    proc = subprocess.run(["git", *args], cwd=cwd, env=git_env(), capture_output=True, stdin=subprocess.DEVNULL,
                          check=False)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}")
    return proc.stdout.decode("utf-8", "surrogateescape")


class GitRepo:
    """A real repository on disk: `.git(*args)`, `.write(path, text_or_bytes)`, `.commit(msg)`, `.path`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def git(self, *args: str, check: bool = True) -> str:
        return run_git(self.path, *args, check=check)

    def write(self, path: str | os.PathLike[str], content: str | bytes) -> Path:
        """Write bytes as they are, or text as UTF-8 without newline translation; parents are created."""
        full = self.path / path
        full.parent.mkdir(parents=True, exist_ok=True)
        full.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return full

    def commit(self, msg: str = "commit", *, add_all: bool = True) -> str:
        """Commit (everything, unless add_all=False) and return the new HEAD sha."""
        if add_all:
            self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "--no-verify", "-m", msg)
        return self.git("rev-parse", "HEAD").strip()

    def __repr__(self) -> str:
        return f"GitRepo({str(self.path)!r})"


_templates: dict[tuple[str, bool], Path] = {}
_template_dirs: dict[str, Path] = {}


def template_root() -> Path:
    """A per-process folder for prepared repositories (made once, copied per test), removed at exit."""
    if "root" not in _template_dirs:
        _template_dirs["root"] = Path(tempfile.mkdtemp(prefix="readiness-test-templates-"))
        atexit.register(shutil.rmtree, _template_dirs["root"], ignore_errors=True)
    return _template_dirs["root"]


def copy_repo(template: str | os.PathLike[str], path: str | os.PathLike[str]) -> GitRepo:
    """A copy of a prepared repository at `path` (the same objects, refs, index and files; symlinks kept)."""
    shutil.copytree(template, path, symlinks=True, dirs_exist_ok=True)
    return GitRepo(path)


def init_repo(path: str | os.PathLike[str], *, branch: str = "main", bare: bool = False) -> GitRepo:
    """A new empty repository: `git init` runs once per process and branch; each call copies that result (what
    `git init` writes holds no path of its own, so a copy is the same as a fresh `git init` there)."""
    key = (branch, bare)
    if key not in _templates:
        template = template_root() / f"empty-{len(_templates)}"
        template.mkdir()
        run_git(template, "init", "-q", "-b", branch, *(["--bare"] if bare else []), ".")
        _templates[key] = template
    Path(path).mkdir(parents=True, exist_ok=True)
    return copy_repo(_templates[key], path)


@pytest.fixture(scope="session")
def make_git_repo(tmp_path_factory: pytest.TempPathFactory):
    """Factory for fresh repositories, usable from fixtures of any scope: make_git_repo(branch=..., bare=...)."""

    def make(name: str = "repo", *, branch: str = "main", bare: bool = False) -> GitRepo:
        return init_repo(tmp_path_factory.mktemp(f"{name}{next(_counter)}", numbered=True), branch=branch, bare=bare)

    return make


@pytest.fixture(scope="session")
def empty_repository() -> EmptyRepository:
    """`ScanContext(files=[...], repo=empty_repository)` for scanner tests that need no real repository."""
    return EmptyRepository()


@pytest.fixture(scope="session")
def copy_git_repo():
    """copy_git_repo(template, path) -> GitRepo: a per-test copy of a repository prepared once per session."""
    return copy_repo


@pytest.fixture
def git_repo(tmp_path: Path) -> GitRepo:
    """A fresh, empty repository on branch `main` (no commits yet)."""
    return init_repo(tmp_path / "repo")


@pytest.fixture(scope="session")
def fake_secrets():
    """Fake secrets for every hard-coded-secret rule, generated at test time (literal prefixes split, so no
    realistic secret is ever committed): {rule suffix: (make(rng) -> value, path, line template with {v})}.
    Alphabets leave out x, X and dots so that a random value never looks like a placeholder (`xxx`, `...`)."""
    import base64
    import json
    import string

    upper = string.ascii_uppercase.replace("X", "")
    alnum = (string.ascii_letters + string.digits).replace("x", "").replace("X", "")

    def pick(rng, alphabet: str, n: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    def jwt(rng) -> str:
        def enc(obj: dict) -> str:
            return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")
        return ".".join((enc({"alg": "HS256", "typ": "JWT"}), enc({"sub": pick(rng, alnum, 12)}),
                         pick(rng, alnum + "_-", 43)))

    return {
        "aws-access-key-id": (lambda r: "AK" + "IA" + pick(r, upper.replace("O", "") + "234567", 16), "cloud.py",
                              'aws_access_key_id = "{v}"'),
        "aws-secret-access-key": (lambda r: pick(r, alnum + "/+", 40), "cloud.py", 'aws_secret_access_key = "{v}"'),
        "github-token": (lambda r: "gh" + r.choice("pousr") + "_" + pick(r, alnum, 36), "ci.py", 'GH = "{v}"'),
        "github-fine-grained-token": (lambda r: "github" + "_pat_" + pick(r, alnum, 22) + "_" + pick(r, alnum, 59),
                                      "ci.py", 'PAT = "{v}"'),
        "gitlab-token": (lambda r: "gl" + "pat-" + pick(r, alnum, 20), "ci.yml", "token: {v}"),
        "slack-token": (lambda r: "xo" + "xb-" + pick(r, string.digits, 12) + "-" + pick(r, string.digits, 13) + "-"
                        + pick(r, alnum, 24), "chat.js", 'const slack = "{v}";'),
        "slack-webhook": (lambda r: "T" + pick(r, upper, 10) + "/B" + pick(r, upper, 10) + "/" + pick(r, alnum, 24),
                          "chat.js", 'const hook = "https://hooks.slack.com/services/{v}";'),
        "stripe-key": (lambda r: "sk" + "_live_" + pick(r, alnum, 24), "pay.rb", 'STRIPE = "{v}"'),
        "google-api-key": (lambda r: "AI" + "za" + pick(r, alnum + "_-", 35), "maps.ts", 'const maps = "{v}";'),
        "twilio-api-key": (lambda r: "S" + "K" + pick(r, "0123456789abcdef", 32), "sms.go", 'var sid = "{v}"'),
        "sendgrid-api-key": (lambda r: "S" + "G." + pick(r, alnum + "_-", 22) + "." + pick(r, alnum + "_-", 43),
                             "mail.java", 'String sg = "{v}";'),
        "npm-token": (lambda r: "np" + "m_" + pick(r, alnum, 36), ".npmrc", "//registry.npmjs.org/:_authToken={v}"),
        "pypi-token": (lambda r: "py" + "pi-AgEIcHlwaS5vcmc" + pick(r, alnum + "_-", 70), ".pypirc", "password = {v}"),
        "jwt": (jwt, "auth.py", 'HEADERS = {{"Authorization": "Bearer {v}"}}'),
        "private-key": (lambda r: "\n".join(pick(r, alnum + "+/", 64) for _ in range(4)), "deploy.pem",
                        "-----BEGIN RSA " + "PRIVATE KEY-----\n{v}\n-----END RSA " + "PRIVATE KEY-----"),
        "url-credentials": (lambda r: pick(r, alnum, 16), "settings.py", 'DB = "postgres://app:{v}@db.internal/app"'),
        "generic-assignment": (lambda r: pick(r, alnum + "!#%&", 32), "settings.py", 'client_secret = "{v}"'),
    }


@pytest.fixture
def trust_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An isolated user state directory (the trust store lives there), also for subprocesses given os.environ."""
    home = tmp_path / "state-home"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    return home


GATE_PROJECT_FILES = {
    "calc/__init__.py": "",
    "calc/ops.py": "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n",
    "calc/cli.py": ("import argparse\n\n\ndef main(argv=None):\n    parser = argparse.ArgumentParser(prog='calc')\n"
                    "    parser.add_argument('a', type=int)\n    parser.add_argument('b', type=int)\n"
                    "    args = parser.parse_args(argv)\n    print(args.a + args.b)\n    return 0\n"),
    "tests/test_ops.py": ("from calc.ops import add, sub\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\n"
                          "def test_sub():\n    assert sub(5, 3) == 2\n"),
    "README.md": "# calc\n\nAdds and subtracts.\n\n## Usage\n\n```\ncalc 2 3\n```\n",
    ".gitignore": "__pycache__/\n.pytest_cache/\n.ruff_cache/\n",
}


@pytest.fixture(scope="session")
def gate_project_template(make_git_repo) -> GitRepo:
    """The gate project, built with real git once per session (per xdist worker); never used directly."""
    repo = make_git_repo("project-template")
    for path, text in GATE_PROJECT_FILES.items():
        repo.write(path, text)
    repo.write("pyproject.toml", "[project]\nname = \"calc\"\nversion = \"0.1\"\n\n[project.scripts]\n"
               "calc = \"calc.cli:main\"\n\n[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n\n"
               "[tool.ruff.lint]\nselect = [\"E\", \"F\"]\n\n"
               f"[tool.readiness]\npython = {sys.executable!r}\n")
    repo.commit("calc")
    repo.git("checkout", "-q", "-b", "feature")
    return repo


@pytest.fixture
def gate_project(gate_project_template, tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    """A small real Python project (package, console script, tests) committed on `main`, checked out on a
    `feature` branch with no changes yet. Its configuration pins the gates' interpreter to the running one.
    Each test gets its own copy of a session-wide template (the same shas, as dates and identities are fixed)."""
    return copy_repo(gate_project_template.path, tmp_path_factory.mktemp(f"project{next(_counter)}", numbered=True))


@pytest.fixture
def run_gates_on():
    """run_gates_on(path, "lint,tests", trust=False, scope="diff", use_cache=False) -> {gate id: GateResult}."""

    def run(path, selection: str, *, trust: bool = False, scope: str = "diff", use_cache: bool = False):
        from readiness.core.gates import parse_selection, run_gates
        from readiness.core.pipeline.run import CheckOptions, scan_repository

        scanned = scan_repository(CheckOptions(repo=str(path), scope=scope))
        try:
            results = run_gates(scanned.repo, scanned.config, parse_selection(selection, scanned.config.values),
                                scope=scope, findings=scanned.findings, trust=trust, use_cache=use_cache)
        finally:
            scanned.repo.close()
        return {result.id: result for result in results}

    return run


def _context_over(repo: GitRepo, scope: str, opened: list):
    """A ScanContext over a real repository, built as `readiness check` builds it (configuration, scope, files read
    once); the opened repository is added to `opened` for the caller to close."""
    from readiness.core import config as config_mod
    from readiness.core.pipeline.scope import read_sources, select_paths
    from readiness.core.repo import open_repository
    from readiness.core.scan.base import ScanContext

    handle = open_repository(repo.path)
    opened.append(handle)
    cfg = config_mod.load(handle.root)
    files, _, _ = read_sources(handle, cfg, select_paths(handle, cfg, scope))
    return ScanContext(files=files, repo=handle, scope=scope, settings=cfg.values,
                       test_globs=tuple(cfg["test_globs"]))


@pytest.fixture
def scan_context():
    """scan_context(repo, scope="diff") -> ScanContext over a real repository, built as `readiness check` builds it
    (configuration, scope, files read once); the repositories are closed after the test."""
    opened: list = []
    yield lambda repo, scope="diff": _context_over(repo, scope, opened)
    for handle in opened:
        handle.close()


@pytest.fixture(scope="module")
def module_scan_context(make_git_repo):
    """module_scan_context(files) -> a ScanContext (scope "all") over a new repository holding `files`, for modules
    that build many small repositories: the repositories are closed when the module ends."""
    opened: list = []

    def make(files: dict[str, str]):
        repo = make_git_repo("context")
        for path, text in files.items():
            repo.write(path, text)
        return _context_over(repo, "all", opened)

    yield make
    for handle in opened:
        handle.close()
