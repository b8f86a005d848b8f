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

import hmac
import math
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
