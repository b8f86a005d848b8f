"""Names from the repository as readiness shows and stores them: the one masking path for names.

Branch names, file paths and remote URLs come from people readiness does not know. `shown_name` is what every
output (text, JSON, Markdown, SARIF, the TUI header) and every stored key gets: bytes that are not UTF-8 (kept by
Python as lone surrogates, `surrogateescape`) escaped as `\\xNN`, the same way in every format, so JSON and SARIF
stay valid UTF-8; then secrets masked by the detectors of `readiness.core.secrets` (a token pasted into a branch
name, a password in a file name or a remote's URL).
"""

from __future__ import annotations

import re

from readiness.core.secrets.find import find_secrets, mask_secrets
from readiness.core.secrets.values import Secret

_SURROGATE = re.compile("[\ud800-\udfff]")


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
