"""Bytes of a work-tree file to text: UTF-8 (a BOM dropped), UTF-16 and UTF-32 when they start with a byte-order
mark; None for binary data. A UTF-16 file is full of NUL bytes, so without the BOM check it would be taken for
binary and never scanned (a token saved by a Windows editor would be invisible)."""

from __future__ import annotations

import codecs
import re

BINARY_SNIFF = 8000
# UTF-32 first: its little-endian mark begins with UTF-16's (FF FE).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode(data: bytes) -> str | None:
    """The text of `data`, or None when it is binary (a NUL byte early on, and no UTF-16/32 byte-order mark)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(encoding, "replace")
            if "\0" in text[:BINARY_SNIFF]:
                return None  # a mark by accident on binary data: NUL characters in the decoded text
            return text
    if b"\0" in data[:BINARY_SNIFF]:
        return None
    return data.decode("utf-8", "replace")


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate (an undecodable byte kept by `surrogateescape`: a commit's Latin-1 line, a
    file name) replaced by U+FFFD, one character for one, so offsets stay the same. Libraries that encode the text
    to UTF-8 (the Aho-Corasick automata) refuse surrogates."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)
