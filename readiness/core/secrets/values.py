"""A secret value and its masked forms: the type every detected secret is wrapped in from the moment it is found.

- `Secret` holds a plain value; its `str`, `repr`, `format` and rich rendering are masked, it refuses pickling.
- `mask(value)` keeps at most 4 leading characters and appends `****` (`ghp_****`); short values keep fewer.
- `SecretMatch` is one detected secret in a text (`readiness.core.secrets.find.find_secrets` returns them).
- `entropy` and `is_placeholder` judge whether a value could be a real secret at all.
- `secret_env_values()` are the values of secret-named environment variables, to mask exactly in output.

Detection is `readiness.core.secrets.find` (over any text) with the rules in `readiness.core.secrets.rules`;
identity (the keyed hash, the key file) is `readiness.core.secrets.fingerprint`.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import operator
import os
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

MASK = "****"


def mask(value: object, keep: int | None = None) -> str:
    """`ghp_****`: at most 4 leading characters (fewer for short values: a fifth of the length), then `****`."""
    text = value.reveal() if isinstance(value, Secret) else str(value)
    limit = min(4, len(text) // 5)
    keep = limit if keep is None else max(0, min(keep, limit))
    return text[:keep] + MASK


class Secret:
    """A secret value whose every printable form is masked. `reveal()` is the only way to the plain value."""

    __slots__ = ("_value", "_keep")
    _value: str
    _keep: int | None

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
    note: str = ""  # what else is known about the value ("checksum valid: a live-format token")


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


# Each alternative judges the value as a whole: a template, a mask, a documented example. A placeholder-like run
# inside a long random value (`xxx`, `1234567890` by chance in a real token) is not one; those are judged by how
# much of the value they span (`_runs_span_most`).
_PLACEHOLDER = re.compile(
    r"""(?ix)
    ^\s*$ | ^(?:none|null|nil|undefined|true|false|\*+|x+|\.+|-+|_+|0+|n/?a|tbd|todo)$
    | \*{3,} | \.\.\. | \u2026 | # masked or elided: random tokens hold no `*` runs nor ellipses
    ^<[^<>]*>$ | <[a-z0-9_ \-]{3,}> | # <your-api-key>
    \$\{[^}]*\} | \{\{.*\}\} | \{%.*%\} | \$\([^)]*\) | ^\$[A-Za-z_][A-Za-z0-9_]*$ | # ${VAR} {{ var }} $(cmd) $VAR
    %\([a-z0-9_]+\)[sdr] | ^%[sdr]$ | ^\{[a-z0-9_]*\}$ | ^@[a-z0-9_]+@$ | ^__[a-z0-9_]+__$ |
    example | placeholder | redacted | your[_\- ]?(?:own[_\- ]?)?(?:api|secret|token|key|pass|access|client|app)
    | (?:put|insert|enter|replace|paste|add)[_\- ]?(?:your|here|the|real) | _here$ | -here$
    """
)
DEFAULT_PASSWORDS = frozenset({"changeme", "change_me", "change-me", "changeit", "replaceme", "replace_me"})
# Keys vendors print in their documentation, by SHA-256 (the product carries no realistic key): Stripe's API
# reference secret and publishable test keys. AWS's documented examples hold EXAMPLE and are caught above.
DOCUMENTED_EXAMPLES = frozenset({
    "2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326",
    "b1471f544ceeea31333bde7e1ecbaad6eac0d4a749412ad29bd66ef895b81c6b",
})
_X_RUN = re.compile(r"[xX]{3,}|0{6,}")


def _runs_span_most(value: str) -> bool:
    """Masks (`ghp_xxxxxxxx…`, `sk_live_000000…`) and typed sequences (`abcdefgh`, `12345678`) that make up most of
    the value, not a short run inside a long random one."""
    size = len(value)
    if sum(len(m.group()) for m in _X_RUN.finditer(value)) * 2 >= size:
        return True
    # abcdefgh, 12345678: typed, not generated. One byte per pair of neighbours, 1 where the second follows the
    # first: the pairs counted and the longest streak found by C loops (a PEM body is thousands of characters).
    codes = list(map(ord, value))
    follows = bytes(map((1).__eq__, map(operator.sub, codes[1:], codes)))
    longest, total = max(map(len, follows.split(b"\0"))), follows.count(1)
    return longest + 1 >= max(7, size // 2) or (size >= 6 and total >= 0.7 * (size - 1))


def is_placeholder(value: str) -> bool:
    """A value that only stands in for a secret: templates, `<your-key>`, all-x, `EXAMPLE`, masks, sequences
    spanning most of the value, vendors' documented example keys. Judged on the whole value."""
    if _PLACEHOLDER.search(value):
        return True
    if hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest() in DOCUMENTED_EXAMPLES:
        return True
    if len(set(value.lower())) <= 2:
        return True
    return _runs_span_most(value)
