"""Plain git, without GitPython: a scrubbed environment, running git, the preflight, git's quoted paths.

`scrubbed_env` is os.environ without the GIT_* variables that would point git at another repository (a git hook's
GIT_DIR); every git (and every gate command) readiness starts gets it. `preflight` asks plain `git rev-parse`
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
# Environment variables that configure git without pointing it at another repository: kept. Every other GIT_*
# (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_CONFIG_PARAMETERS...) is dropped.
_GIT_ENV_KEEP = ("GIT_EXEC_PATH", "GIT_ASKPASS", "GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM",
                 "GIT_CONFIG_COUNT", "GIT_ALLOW_PROTOCOL", "GIT_HTTP_PROXY_AUTHMETHOD", "GIT_TERMINAL_PROMPT",
                 "GIT_TEST_ASSUME_DIFFERENT_OWNER")
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


def run_git(cwd: Path, args: Sequence[str], ok: Iterable[int] = (0,)) -> tuple[int, str, str]:
    """Run `git -C cwd args` with a scrubbed environment; RepoError on a missing git, a timeout or a bad exit."""
    try:
        proc = subprocess.run(["git", "-C", str(cwd), "-c", "core.quotepath=off", *args], capture_output=True,
                              env=scrubbed_env(), stdin=subprocess.DEVNULL, timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        raise RepoError("git not found on PATH: install git (2.30 or newer) and try again") from None
    except subprocess.TimeoutExpired:
        raise RepoError(f"git {args[0]} did not finish within {GIT_TIMEOUT:.0f} s in {cwd}") from None
    err = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode not in tuple(ok):
        raise RepoError(f"git {args[0]} failed in {cwd}: {err.splitlines()[-1] if err else proc.returncode}")
    return proc.returncode, proc.stdout.decode("utf-8", "surrogateescape"), err


def unquote(path: str) -> str:
    """Undo git's C-style quoting of a path ("tab\\there", "caf\\303\\251" for non-ASCII bytes), byte-exactly."""
    if len(path) < 2 or not (path.startswith('"') and path.endswith('"')):
        return path
    raw = path[1:-1].encode("utf-8", "surrogateescape")
    raw = _C_ESCAPE.sub(lambda m: bytes([int(m[1], 8)]) if len(m[1]) == 3 else _C_ESCAPES.get(m[1], m[1]), raw)
    return raw.decode("utf-8", "surrogateescape")


def preflight(path: Path) -> tuple[Path, Path, bool]:
    """Ask plain git where the work tree is; turn every refusal into one actionable line."""
    if shutil.which("git") is None:
        raise RepoError("git not found on PATH: install git (2.30 or newer) and try again")
    if not path.exists():
        raise RepoError(f"no such directory: {path} (pass --repo DIR with an existing directory)")
    if not path.is_dir():
        path = path.parent
    code, stdout, err = run_git(path, ["rev-parse", "--is-bare-repository", "--is-inside-git-dir",
                                        "--is-shallow-repository", "--absolute-git-dir", "--show-toplevel"],
                                 ok=range(256))
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
