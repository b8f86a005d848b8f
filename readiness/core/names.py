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

import re
from collections.abc import Iterable

from readiness.core.secrets.find import find_secrets, mask_secrets
from readiness.core.secrets.values import Secret

_SURROGATE = re.compile("[\ud800-\udfff]")
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
    """A branch name, path or URL as readiness shows and stores it: undecodable bytes escaped, secrets masked."""
    return mask_secrets(escape_undecodable(name))


def path_secrets(name: str) -> list[Secret]:
    """The secrets in a name, as known values to mask wherever the name is quoted inside other text."""
    return [match.secret for match in find_secrets(escape_undecodable(name))]


def masked_text(text: str, known: Iterable[str | Secret] = ()) -> str:
    """Free text (log lines, evidence, gate output and commands) with every secret masked: `mask_secrets` over
    the whole text, plus the values found when each `name=value` word is read on its own (in `Error: No module
    named x token=...` the whole line reads as one annotated assignment to `Error`)."""
    values: list[str | Secret] = list(known)
    for word in _ASSIGNING_WORD.findall(text):
        values.extend(match.secret for match in find_secrets(word))
    return mask_secrets(text, values)
