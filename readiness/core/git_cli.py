"""Plain git, without GitPython: a scrubbed environment, the one git runner, the preflight, git's quoted paths.

`scrubbed_env` is os.environ without the GIT_* variables that would point git at another repository (a git hook's
GIT_DIR); every git (and every gate command) readiness starts gets it. Every git readiness starts (plain, here, or
through GitPython in `repo.py`) is also the git found by `git_executable` (PATH without relative entries or folders
inside the repository, so a `./git` planted in a clone never runs) with the environment of `git_env`: configuration
given through GIT_CONFIG_COUNT/KEY/VALUE (the highest precedence git has) that neutralises everything a repository's
configuration or attributes could make git execute: fsmonitor, hooks (`core.hooksPath`, optional index locks off so
`git status` never rewrites the index), pagers, editors, signature programs, and the clean/smudge/process filter
drivers and textconv/external diff drivers the configuration defines (their names are read from the configuration
first; the diff commands pass --no-textconv and --no-ext-diff as well). `preflight` asks plain `git rev-parse`
where the work tree is and turns each refusal (not a repository, bare, inside `.git`, dubious ownership, git
missing) into one actionable line. `unquote` undoes git's C-style quoting of paths, byte-exactly.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

from readiness.core.errors import RepoError

GIT_TIMEOUT = 120.0
# Environment variables that configure git without pointing it at another repository: kept. The discovery limits
# (GIT_CEILING_DIRECTORIES, GIT_DISCOVERY_ACROSS_FILESYSTEM) only ever narrow the search for a repository: dropping
# them let readiness find, and write to, an outer repository the user's git refuses to see. Every other GIT_*
# (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_CONFIG_PARAMETERS...) is dropped.
_GIT_ENV_KEEP = ("GIT_EXEC_PATH", "GIT_ASKPASS", "GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM",
                 "GIT_CONFIG_COUNT", "GIT_ALLOW_PROTOCOL", "GIT_HTTP_PROXY_AUTHMETHOD", "GIT_TERMINAL_PROMPT",
                 "GIT_TEST_ASSUME_DIFFERENT_OWNER", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM")
_GIT_ENV_KEEP_PREFIXES = ("GIT_SSH", "GIT_SSL_", "GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_")
_C_ESCAPE = re.compile(rb"\\([0-7]{3}|.)", re.S)
_C_ESCAPES = {b"a": b"\a", b"b": b"\b", b"t": b"\t", b"n": b"\n", b"v": b"\v", b"f": b"\f", b"r": b"\r"}


def scrubbed_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """os.environ without GIT_* variables that redirect git (GIT_DIR, GIT_INDEX_FILE, GIT_WORK_TREE...)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("GIT_") or k in _GIT_ENV_KEEP or k.startswith(_GIT_ENV_KEEP_PREFIXES)}
    env["GIT_PYTHON_REFRESH"] = "quiet"
    env["LC_ALL"] = "C"
    if extra:
        env.update(extra)
    return env


# What a repository's configuration could make git run, switched off for every git readiness starts.
_SAFE_CONFIG: tuple[tuple[str, str], ...] = (
    ("core.fsmonitor", "false"), ("core.hooksPath", os.devnull), ("core.pager", "cat"), ("core.editor", ":"),
    ("sequence.editor", ":"), ("log.showSignature", "false"), ("core.quotepath", "off"),
    ("core.untrackedCache", "false"),
)
_SAFE_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_PAGER": "cat", "PAGER": "cat", "GIT_EDITOR": ":",
             "GIT_SEQUENCE_EDITOR": ":", "GIT_TERMINAL_PROMPT": "0"}
_DRIVER_KEY = re.compile(r"^(filter|diff)\.(.+)\.(clean|smudge|process|required|textconv|command)$", re.I | re.S)
_NOT_FOUND = "git not found on PATH: install git (2.30 or newer) and try again"


def safe_which(name: str, exclude: Sequence[str | os.PathLike[str]] = ()) -> str | None:
    """The absolute path of the program `name` on PATH, skipping empty and relative PATH entries (".", "bin": they
    name folders of whatever the current directory is), an entry that is the current directory itself, and folders
    inside `exclude` (the repository, e.g. a `$PWD/bin` a direnv added): a `git` or `gh` shipped in a clone never
    runs. None if none is left."""
    roots = [os.path.realpath(r) for r in exclude]
    try:
        here = os.path.realpath(os.getcwd())
    except OSError:
        here = None
    kept = []
    for entry in os.environ.get("PATH", os.defpath).split(os.pathsep):
        if not entry or not os.path.isabs(entry):
            continue
        real = os.path.realpath(entry)
        if real == here or any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots if r != os.sep):
            continue
        kept.append(entry)
    found = shutil.which(name, path=os.pathsep.join(kept))
    return os.path.abspath(found) if found is not None else None


def git_executable(exclude: Sequence[str | os.PathLike[str]] = ()) -> str:
    """The absolute path of git on PATH as `safe_which` finds it (never one inside `exclude` or the current
    directory). RepoError if there is none."""
    found = safe_which("git", exclude)
    if found is None:
        raise RepoError(_NOT_FOUND)
    return found


def git_command(cwd: str | os.PathLike[str]) -> list[str]:
    """`[git, "-C", cwd]` with the git of `git_executable` (not one inside `cwd`); run it with `env=git_env()`."""
    return [git_executable([cwd]), "-C", os.fspath(cwd)]


def driver_overrides(config_listing: str) -> list[tuple[str, str]]:
    """Settings that switch off every filter (clean, smudge, process) and diff (textconv, command) driver named in
    `git config --null --list` output: an empty command is "no filter" to git, and `required` is set false."""
    overrides: dict[str, str] = {}
    for record in config_listing.split("\0"):
        key = record.split("\n", 1)[0]
        match = _DRIVER_KEY.match(key)
        if match:
            kind, name = match[1].lower(), match[2]
            names = ("clean", "smudge", "process") if kind == "filter" else ("textconv", "command")
            for what in names:
                overrides[f"{kind}.{name}.{what}"] = ""
            if kind == "filter":
                overrides[f"filter.{name}.required"] = "false"
    return sorted(overrides.items())


def _config_count(env: dict[str, str]) -> int:
    """The caller's GIT_CONFIG_COUNT when it is a number whose keys are all there (git refuses it otherwise)."""
    try:
        count = int(env.get("GIT_CONFIG_COUNT", "0"))
    except ValueError:
        return 0
    if count < 0 or count > 1000 or any(f"GIT_CONFIG_KEY_{i}" not in env for i in range(count)):
        return 0
    return count


def git_env(drivers: Sequence[tuple[str, str]] = ()) -> dict[str, str]:
    """`scrubbed_env` plus the settings that keep git from running anything the repository configures: appended
    to the caller's own GIT_CONFIG_COUNT entries (a developer's settings stay, ours win)."""
    env = scrubbed_env(_SAFE_ENV)
    count = _config_count(env)
    for key in [k for k in env if k.startswith(("GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_"))]:
        suffix = key.rsplit("_", 1)[1]
        if not suffix.isdigit() or int(suffix) >= count:
            del env[key]
    for key, value in (*_SAFE_CONFIG, *drivers):
        env[f"GIT_CONFIG_KEY_{count}"] = key
        env[f"GIT_CONFIG_VALUE_{count}"] = value
        count += 1
    env["GIT_CONFIG_COUNT"] = str(count)
    return env


def run_git(cwd: Path, args: Sequence[str], ok: Iterable[int] = (0,),
            drivers: Sequence[tuple[str, str]] | None = None) -> tuple[int, str, str]:
    """Run `git -C cwd args` with the safe environment (`git_env`; the repository's drivers are read first unless
    given); RepoError on a missing git, a timeout or a bad exit."""
    executable = git_executable([cwd])
    if drivers is None:
        drivers = read_drivers(cwd, executable)
    try:
        proc = subprocess.run([executable, "-C", str(cwd), "-c", "core.quotepath=off", *args], capture_output=True,
                              env=git_env(drivers), stdin=subprocess.DEVNULL, timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        raise RepoError(_NOT_FOUND) from None
    except subprocess.TimeoutExpired:
        raise RepoError(f"git {args[0]} did not finish within {GIT_TIMEOUT:.0f} s in {cwd}") from None
    err = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode not in tuple(ok):
        raise RepoError(f"git {args[0]} failed in {cwd}: {err.splitlines()[-1] if err else proc.returncode}")
    return proc.returncode, proc.stdout.decode("utf-8", "surrogateescape"), err


def read_drivers(cwd: Path, executable: str | None = None) -> list[tuple[str, str]]:
    """The overrides for every filter and diff driver the configuration seen from `cwd` defines (reading the
    configuration runs nothing); none outside a repository or when git cannot read it."""
    return driver_overrides(read_config(cwd, executable)[0])


def read_config(cwd: Path, executable: str | None = None) -> tuple[str, bool]:
    """`git config --null --list` as seen from `cwd` (reading the configuration runs nothing), and whether git
    read all of it ("" and False when it could not run)."""
    try:
        proc = subprocess.run([executable or git_executable([cwd]), "-C", str(cwd), "config", "--null", "--list"],
                              capture_output=True, env=git_env(), stdin=subprocess.DEVNULL, timeout=GIT_TIMEOUT,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return "", False
    return proc.stdout.decode("utf-8", "surrogateescape"), proc.returncode == 0


def config_value(listing: str, key: str) -> str | None:
    """The value `git config --get key` gives (the last one) from a `read_config` listing, for a key whose section
    and variable names are lower-case (`branch.<name>.remote`); None when it is not set."""
    found = None
    for record in listing.split("\0"):
        name, _, value = record.partition("\n")
        if name == key:
            found = value
    return found


def unquote(path: str) -> str:
    """Undo git's C-style quoting of a path ("tab\\there", "caf\\303\\251" for non-ASCII bytes), byte-exactly."""
    if len(path) < 2 or not (path.startswith('"') and path.endswith('"')):
        return path
    raw = path[1:-1].encode("utf-8", "surrogateescape")
    raw = _C_ESCAPE.sub(lambda m: bytes([int(m[1], 8)]) if len(m[1]) == 3 else _C_ESCAPES.get(m[1], m[1]), raw)
    return raw.decode("utf-8", "surrogateescape")


def preflight(path: Path) -> tuple[Path, Path, bool]:
    """Ask plain git where the work tree is; turn every refusal into one actionable line."""
    git_executable([path])
    if not path.exists():
        raise RepoError(f"no such directory: {path} (pass --repo DIR with an existing directory)")
    if not path.is_dir():
        path = path.parent
    code, stdout, err = run_git(path, ["rev-parse", "--is-bare-repository", "--is-inside-git-dir",
                                        "--is-shallow-repository", "--absolute-git-dir", "--show-toplevel"],
                                 ok=range(256), drivers=())
    if "dubious ownership" in err:
        fix = next((line.strip() for line in err.splitlines() if "safe.directory" in line), "")
        raise RepoError(f"git refuses to read {path}: it is owned by another user (dubious ownership). "
                        f"If you trust it, run: {fix or 'git config --global --add safe.directory ' + str(path)}")
    out = stdout.split("\n")
    if code != 0 or len(out) < 5 or not out[4]:
        if out and out[0] == "true":
            raise RepoError(f"{path} is a bare repository: readiness needs a work tree (clone it and run there)")
        if len(out) > 1 and out[1] == "true":
            raise RepoError(f"{path} is inside a .git directory: run readiness from the work tree")
        if "not a git repository" in err.lower():
            raise RepoError(f"not a git repository: {path} (run inside a git work tree, or pass --repo DIR)")
        raise RepoError(f"git cannot read {path}: {err.splitlines()[-1] if err else 'unknown error'}")
    return Path(out[4]), Path(out[3]), out[2] == "true"


def scrub_process_environment() -> list[str]:
    """Remove the variables that redirect git from os.environ (GitPython reads them there); return their names."""
    keep = scrubbed_env()
    removed = sorted(k for k in os.environ if k.startswith("GIT_") and k not in keep)
    for name in removed:
        del os.environ[name]
    os.environ["GIT_PYTHON_REFRESH"] = "quiet"
    return removed
