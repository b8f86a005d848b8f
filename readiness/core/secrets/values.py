"""The masking core: secret values are wrapped, masked for display and hashed with a key for identity.

Everything that can show repository or subprocess text to a person goes through here first:
- `Secret` holds a plain value; its `str`, `repr`, `format` and rich rendering are masked, it refuses pickling.
- `mask(value)` keeps at most 4 leading characters and appends `****` (`ghp_****`); short values keep fewer.
- `find_secrets(text)` runs the hard-coded-secret detectors (`readiness.core.secrets.rules`; the scanner
  `hardcoded_secret` adds the rule texts) over any text and returns `SecretMatch`es (rule id, start, end,
  masked form); `mask_secrets(text)` replaces every match.
- `keyed_hash(value, key)` is the identity of a secret: HMAC-SHA256 with a key that never leaves the machine.

The fingerprint key (`fingerprint_key`), in order:
1. `READINESS_SECRET_KEY` in the environment (at least 16 characters): set the same value in CI and on the
   developers' machines when finding ids of secret findings must agree between clones (config waivers by id).
2. `<git common dir>/readiness/secret-key`: 32 random bytes, created once with mode 0600, shared by the linked
   worktrees of the clone. Ids are stable across runs on the same clone and cannot be reversed by someone who
   only sees a report: an unkeyed hash of a low-entropy password can be cracked offline (detect-secrets'
   SHA-1 baseline), a keyed one cannot without the key. Nothing in the repository (its root commit, its paths)
   would do instead: whatever is derived from the repository is known to everyone who sees the report's repo.
3. A random per-process key when there is no git directory or it cannot be written: ids are then stable only
   within one process (documented; inline waivers and the allowlist still work).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import re
import secrets as _random
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

MASK = "****"
KEY_ENV = "READINESS_SECRET_KEY"
KEY_FILE = ("readiness", "secret-key")


def mask(value: object, keep: int | None = None) -> str:
    """`ghp_****`: at most 4 leading characters (fewer for short values: a fifth of the length), then `****`."""
    text = value.reveal() if isinstance(value, Secret) else str(value)
    limit = min(4, len(text) // 5)
    keep = limit if keep is None else max(0, min(keep, limit))
    return text[:keep] + MASK


class Secret:
    """A secret value whose every printable form is masked. `reveal()` is the only way to the plain value."""

    __slots__ = ("_value", "_keep")

    def __init__(self, value: str, keep: int | None = None) -> None:
        object.__setattr__(self, "_value", str(value))
        object.__setattr__(self, "_keep", keep)

    def reveal(self) -> str:
        return self._value

    @property
    def masked(self) -> str:
        return mask(self._value, self._keep)

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"Secret({self.masked!r})"

    def __format__(self, spec: str) -> str:
        return format(self.masked, spec)

    def __rich__(self) -> str:
        return self.masked

    def __rich_repr__(self) -> Iterator[str]:
        yield self.masked

    def __len__(self) -> int:
        return len(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and hmac.compare_digest(self._value.encode("utf-8", "surrogatepass"),
                                                                 other._value.encode("utf-8", "surrogatepass"))

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Secret is immutable")

    def __reduce_ex__(self, protocol: object) -> tuple:
        raise TypeError("a Secret is never pickled or copied out of the process")

    def __getstate__(self) -> object:
        raise TypeError("a Secret is never pickled or copied out of the process")

    def __copy__(self) -> Secret:
        return self

    def __deepcopy__(self, memo: dict) -> Secret:
        return self


@dataclass(frozen=True, slots=True)
class SecretMatch:
    """One detected secret in a text: rule id (`hardcoded-secret/github-token`), span, masked form, value."""

    rule: str
    start: int
    end: int
    masked: str
    secret: Secret


# -- detection over arbitrary text ------------------------------------------------------------------------------

def find_secrets(text: str, *, unquoted: bool = True) -> list[SecretMatch]:
    """Every secret the hard-coded-secret detectors find in `text`, sorted by position, overlaps removed.

    `unquoted=True` also accepts `password=value` without quotes (logs, .env files, command output).
    """
    from readiness.core.secrets.rules import WEAK_RULES, detect  # the rules import this module for Secret and mask

    found = sorted(detect(text, unquoted), key=lambda m: (m.start, -(m.end - m.start), m.rule in WEAK_RULES))
    kept: list[SecretMatch] = []
    for match in found:
        if kept and match.start < kept[-1].end:
            if match.end > kept[-1].end and match.start == kept[-1].start:
                kept[-1] = match
            continue
        kept.append(match)
    return kept


def mask_spans(text: str, spans: Iterable[tuple[int, int] | tuple[int, int, str]]) -> str:
    """`text` with each (start, end[, replacement]) span masked; overlapping spans merge into a bare `****`."""
    merged: list[list] = []
    for span in sorted(spans):
        start, end = span[0], span[1]
        replacement = span[2] if len(span) > 2 else mask(text[start:end], 0)
        if merged and start < merged[-1][1]:
            merged[-1][1], merged[-1][2] = max(merged[-1][1], end), MASK
        else:
            merged.append([start, end, replacement])
    out, last = [], 0
    for start, end, replacement in merged:
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)


def mask_secrets(text: str, known: Iterable[str | Secret] = ()) -> str:
    """`text` with every detected secret, and every occurrence of the `known` values, masked."""
    spans: list[tuple[int, int, str]] = [(m.start, m.end, m.masked) for m in find_secrets(text)]
    from readiness.core.secrets.rules import pem_lines

    spans.extend((start, end, MASK) for start, end in pem_lines(text))
    for value in known:
        plain = value.reveal() if isinstance(value, Secret) else value
        if len(plain) >= 6:
            spans.extend((m.start(), m.end(), MASK) for m in re.finditer(re.escape(plain), text))
    return mask_spans(text, spans) if spans else text


def contains_secret(text: str) -> bool:
    """True when `text` holds something `mask_secrets` would mask (README entries refuse such text)."""
    return bool(find_secrets(text))


_SECRET_ENV_NAME = re.compile(r"(?i)token|secret|passw|api[_-]?key|private|credential")


def secret_env_values(environ: Mapping[str, str] | None = None) -> list[Secret]:
    """Values of environment variables whose names look secret, to mask exactly in captured output."""
    env = os.environ if environ is None else environ
    return [Secret(v) for k, v in env.items() if _SECRET_ENV_NAME.search(k) and len(v) >= 6]


# -- entropy and placeholders ----------------------------------------------------------------------------------

def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    if not value:
        return 0.0
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in Counter(value).values())


_PLACEHOLDER = re.compile(
    r"""(?ix)
    ^\s*$ | ^(?:none|null|nil|undefined|true|false|\*+|x+|\.+|-+|_+|0+|n/?a|tbd|todo)$
    | x{3,} | \*{3,} | \.\.\. | # masked or elided
    ^<[^<>]*>$ | <[a-z0-9_ \-]{3,}> | # <your-api-key>
    \$\{[^}]*\} | \{\{.*\}\} | \{%.*%\} | \$\([^)]*\) | ^\$[A-Za-z_][A-Za-z0-9_]*$ | # ${VAR} {{ var }} $(cmd) $VAR
    %\([a-z0-9_]+\)[sdr] | ^%[sdr]$ | ^\{[a-z0-9_]*\}$ | ^@[a-z0-9_]+@$ | ^__[a-z0-9_]+__$ |
    example | placeholder | redacted | your[_\- ]?(?:own[_\- ]?)?(?:api|secret|token|key|pass|access|client|app)
    | (?:put|insert|enter|replace|paste|add)[_\- ]?(?:your|here|the|real) | _here$ | -here$
    """
)
DEFAULT_PASSWORDS = frozenset({"changeme", "change_me", "change-me", "changeit", "replaceme", "replace_me"})


def is_placeholder(value: str) -> bool:
    """A value that only stands in for a secret: templates, `<your-key>`, `xxx`, `EXAMPLE`, masks, sequences."""
    if _PLACEHOLDER.search(value):
        return True
    if len(set(value.lower())) <= 2:
        return True
    run = longest = total = 0
    for a, b in zip(value, value[1:], strict=False):  # abcdefgh, 12345678: typed, not generated
        run = run + 1 if ord(b) - ord(a) == 1 else 0
        longest, total = max(longest, run), total + (run > 0)
    return longest >= 7 or (len(value) >= 6 and total >= 0.7 * (len(value) - 1))


# -- keyed fingerprints ----------------------------------------------------------------------------------------

_keys: dict[str, bytes] = {}
_PROCESS_KEY = _random.token_bytes(32)


def _common_dir(git_dir: Path) -> Path:
    try:
        pointer = (git_dir / "commondir").read_text(encoding="utf-8").strip()
    except OSError:
        return git_dir
    return (git_dir / pointer).resolve() if pointer else git_dir


def _load_or_create(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
        if len(data) >= 16:
            if os.name == "posix" and path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)
            return data
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{_random.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, _random.token_bytes(32))
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # atomic and never replaces a key another process created first
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
        data = path.read_bytes()
        return data if len(data) >= 16 else None
    except OSError:
        return None


def fingerprint_key(git_dir: str | os.PathLike[str] | None = None) -> bytes:
    """The HMAC key for secret identities (see the module docstring for the order and the reasons)."""
    from readiness.core.errors import ConfigError

    configured = os.environ.get(KEY_ENV)
    if configured is not None:
        if len(configured) < 16:
            raise ConfigError(f"{KEY_ENV} must be at least 16 characters (or unset it to use the per-clone key)")
        return hashlib.sha256(configured.encode("utf-8", "surrogatepass")).digest()
    if git_dir is None:
        return _PROCESS_KEY
    path = _common_dir(Path(git_dir)).joinpath(*KEY_FILE)
    cached = _keys.get(str(path))
    if cached is None:
        cached = _load_or_create(path) or _PROCESS_KEY
        _keys[str(path)] = cached
    return cached


def keyed_hash(value: str | Secret, key: bytes) -> str:
    """HMAC-SHA256 of the value, 16 hex digits: an identity that cannot be reversed without the key."""
    plain = value.reveal() if isinstance(value, Secret) else value
    return hmac.new(key, plain.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()[:16]


def line_key(line: str, key: bytes, matches: Iterable[SecretMatch] | None = None) -> str:
    """Fingerprint material for a line that may hold secrets: the masked line plus the keyed hash of each value.

    Stable while the line and the values are unchanged; a rotated secret on an identical-looking line gets a
    new identity (a waiver of the old value does not silently cover the new one).
    """
    found = list(find_secrets(line) if matches is None else matches)
    if not found:
        return line
    masked = mask_spans(line, [(m.start, m.end, m.masked) for m in found])
    return masked + "\0" + "\0".join(keyed_hash(m.secret, key) for m in found)


def invalid_regexes(patterns: list[str]) -> str | None:
    """Configuration check of `secret_allowlist`: the first pattern that does not compile, or None."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            return f"has an invalid regular expression {pattern!r} ({exc})"
    return None
