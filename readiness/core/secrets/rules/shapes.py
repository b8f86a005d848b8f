"""What every provider rule is made of: the `Detector` record and the checks of a token's random part.

Kept apart from `detectors` (the built-in rules) and `providers` (the provider table) so both can use it.
"""

from __future__ import annotations

import re
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from readiness.core.secrets.values import entropy, is_placeholder


class LazyPattern:
    """A detector's regular expression, compiled the first time a text reaches it. A detector runs only where its
    literal occurs, and most runs meet few of them (a warm run only masks names and notes), so most of the ~100
    patterns are never compiled in a run: compiling them all cost ~15 ms at every start."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(text, pos, endpos)

    def __repr__(self) -> str:
        return f"LazyPattern({self.source!r})"


@dataclass(frozen=True, slots=True)
class Detector:
    """One rule's pattern, written to start with a literal (or a small first-character set) so that the regex
    engine skips ahead at C speed; the left word boundary is checked in code, not by a leading lookbehind.
    `gate`: a literal the text must contain first. `line_gate`: lower-cased literals; the pattern then runs only
    on the lines that contain one (for patterns that cannot start with a literal)."""

    id: str
    pattern: LazyPattern
    keep: int = 4
    check: Callable[[str], bool] | None = None  # extra validation of the value
    gate: str = ""
    gates: tuple[str, ...] = ()  # literals of which the text must contain one (rules with several prefixes)
    line_gate: tuple[str, ...] = ()
    boundary: bool = True
    note: Callable[[str], str] | None = None  # what the format says about the value (a valid checksum)


_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
CHECKSUM_VALID = "checksum valid: a live-format token"


def base62_crc32(body: str) -> str:
    """GitHub's and npm's token checksum: the CRC32 of the random part in base62, left-padded to 6 characters
    (https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/)."""
    number, digits = zlib.crc32(body.encode("ascii", "replace")), ""
    while number:
        number, rest = divmod(number, 62)
        digits = _BASE62[rest] + digits
    return digits.rjust(6, "0")


def crc_note(value: str) -> str:
    """A valid checksum is said; an invalid one changes nothing (the finding and its masking stay as they are)."""
    body = value[value.index("_") + 1:]
    return CHECKSUM_VALID if len(body) > 6 and base62_crc32(body[:-6]) == body[-6:] else ""


def random_enough(value: str, floor: float = 3.0) -> bool:
    return not is_placeholder(value) and entropy(value) >= floor


