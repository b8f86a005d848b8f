"""Names and free text from the repository as readiness shows and stores them: the one masking path.

Branch names, file paths and remote URLs come from people readiness does not know. `shown_name` is what every
output (text, JSON, Markdown, SARIF, the TUI header) and every stored key gets: bytes that are not UTF-8 (kept by
Python as lone surrogates, `surrogateescape`) escaped as `\\xNN`, the same way in every format, so JSON and SARIF
stay valid UTF-8; then secrets masked by the detectors of `readiness.core.secrets` (a token pasted into a branch
name, a password in a file name or a remote's URL). `masked_text` is what log lines, evidence and stored gate
results get: the detectors over the whole text, and again over each word that holds an assignment, so that what
precedes `token=...` on a log line cannot hide it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from readiness.core.secrets.find import find_secrets, mask_secrets, mask_spans
from readiness.core.secrets.values import Secret

_SURROGATE = re.compile("[\ud800-\udfff]")
_NAME_PIECE = re.compile(r"[^\s,;'\"`]+")
_LONG_RUN = re.compile(r"[A-Za-z0-9]{12,}")
_SHORTEST_SECRET = 16  # no detector matches fewer characters: shorter rests of a word are not read again
_ASSIGNING_WORD = re.compile(r"[^\s=:]*[=:]\S+")


def escape_undecodable(text: str) -> str:
    """`text` with each undecodable byte (a lone surrogate U+DC80..U+DCFF) written as `\\xNN`, any other lone
    surrogate as `\\uNNNN`: the result always encodes as UTF-8."""
    if text.isascii():
        return text

    def escape(match: re.Match[str]) -> str:
        code = ord(match[0])
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"

    return _SURROGATE.sub(escape, text)


def shown_name(name: str) -> str:
    """A branch name, path or URL as readiness shows and stores it: undecodable bytes escaped, secrets masked
    (also one glued to a word before it: `link_ghp_...`, `test_AKIA...`)."""
    escaped = escape_undecodable(name)
    spans = [(start, end, masked) for start, end, masked, _secret in _piece_secrets(escaped)]
    return mask_secrets(mask_spans(escaped, spans) if spans else escaped)


def path_secrets(name: str) -> list[Secret]:
    """The secrets in a name, as known values to mask wherever the name is quoted inside other text."""
    return [secret for *_span, secret in _piece_secrets(escape_undecodable(name))]


@functools.lru_cache(maxsize=4096)
def _piece_secrets(text: str) -> tuple[tuple[int, int, str, Secret], ...]:
    """(start, end, masked form, secret) of the secrets in the words of a name or a list of names, read from each
    place a word part starts: the detectors want a boundary before a token, and in a name the token is often glued
    to a prefix (`link_`, `test_`, `fix-`)."""
    found: dict[tuple[int, int], tuple[int, int, str, Secret]] = {}
    for piece in _NAME_PIECE.finditer(text):
        word = piece.group()
        if not _LONG_RUN.search(word):  # every token has a long run of letters and digits; plain names do not
            continue
        for start in range(len(word) - _SHORTEST_SECRET + 1):
            if start == 0 or (word[start].isalnum() and not word[start - 1].isalnum()):
                for match in find_secrets(word[start:]):
                    at = piece.start() + start
                    found.setdefault((at + match.start, at + match.end),
                                     (at + match.start, at + match.end, match.masked, match.secret))
    return tuple(found.values())


def masked_text(text: str, known: Iterable[str | Secret] = ()) -> str:
    """Free text (log lines, evidence, gate output and commands) with every secret masked: `mask_secrets` over
    the whole text, plus the values found when each `name=value` word is read on its own (in `Error: No module
    named x token=...` the whole line reads as one annotated assignment to `Error`)."""
    values: list[str | Secret] = list(known)
    for word in _ASSIGNING_WORD.findall(text):
        values.extend(match.secret for match in find_secrets(word))
    return mask_secrets(text, values)
