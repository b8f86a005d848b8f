"""Gate output as people see it: decoded leniently, terminal escapes stripped, secrets masked, size bounded."""

from __future__ import annotations

import re
from collections.abc import Sequence

from readiness.core.secrets.find import mask_secrets
from readiness.core.secrets.values import Secret

MAX_LINE = 8 * 1024  # a "line" longer than this is streamed in pieces

# CSI, OSC, DCS/SOS/PM/APC strings and two-byte escapes, then any other C0/C1 control except tab and newline.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

def clean_text(data: bytes | str, known: Sequence[Secret] = ()) -> str:
    """Decode (invalid UTF-8 replaced), strip terminal escape sequences and control characters, mask secrets
    (detected ones, and the `known` values: those of secret-looking environment variables)."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    text = _CONTROL.sub("", _ESCAPES.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    try:
        return mask_secrets(text, known)
    except Exception as exc:  # fail closed: output that could not be masked is never shown
        return f"[{text.count(chr(10))} lines of output withheld: secret masking failed ({exc.__class__.__name__})]\n"

class Capture:
    """Bounded capture: the first HEAD_BYTES and the last TAIL_BYTES, plus a byte count."""

    def __init__(self, head: int, tail: int) -> None:
        self.head_limit, self.tail_limit = head, tail
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0

    def add(self, data: bytes) -> None:
        self.total += len(data)
        room = self.head_limit - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        if data:
            self.tail += data
            if len(self.tail) > 2 * self.tail_limit:
                del self.tail[:-self.tail_limit]

    def texts(self, known: Sequence[Secret] = ()) -> tuple[str, str, int]:
        head, tail = bytes(self.head), bytes(self.tail[-self.tail_limit:])
        omitted = self.total - len(head) - len(tail)
        if omitted > 0:  # cut at line boundaries so no secret is split in half by the cut
            cut = head.rfind(b"\n")
            if cut > 0:
                omitted += len(head) - cut - 1
                head = head[:cut + 1]
            cut = tail.find(b"\n")
            if 0 <= cut < len(tail) - 1:
                omitted += cut + 1
                tail = tail[cut + 1:]
        return clean_text(head, known), clean_text(tail, known), max(omitted, 0)


def split_lines(pending: bytearray, data: bytes, known: Sequence[Secret]) -> tuple[str, ...]:
    """Complete lines from `pending + data`; the unfinished rest stays in `pending` (bounded by MAX_LINE)."""
    pending += data
    cut = pending.rfind(b"\n")
    if cut < 0:
        if len(pending) <= MAX_LINE:
            return ()
        cut = len(pending) - 1
    complete = bytes(pending[:cut + 1])
    del pending[:cut + 1]
    text = clean_text(complete, known)
    if text.endswith("\n"):
        text = text[:-1]
    return tuple(text.split("\n"))
