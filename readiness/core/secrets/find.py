"""Secrets in any text: run the detectors (`readiness.core.secrets.rules`), mask what they find.

`find_secrets(text)` returns `SecretMatch`es (rule id, span, masked form, value) sorted by position with overlaps
removed; `mask_secrets(text)` replaces every match (and key bodies seen without their header, and known values);
`contains_secret(text)` is what README entries and waiver reasons refuse. Everything that can show repository or
subprocess text to a person goes through here first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from readiness.core import safe_regex
from readiness.core.secrets.rules import WEAK_RULES, detect, pem_lines
from readiness.core.secrets.values import MASK, Secret, SecretMatch, mask


def find_secrets(text: str, *, unquoted: bool = True, prose: bool = False) -> list[SecretMatch]:
    """Every secret the hard-coded-secret detectors find in `text`, sorted by position, overlaps removed.

    `unquoted=True` also accepts `password=value` without quotes (logs, .env files, command output).
    `prose=True` (text written or shown to a person) also finds weak values assigned to secret names
    (`password=hunter2hunter2`), which the source scanner leaves to code review.
    """
    found = sorted(detect(text, unquoted, prose), key=lambda m: (m.start, -(m.end - m.start), m.rule in WEAK_RULES))
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
    """`text` with every detected secret (weak values of secret-named assignments included), and every occurrence
    of the `known` values, masked."""
    spans: list[tuple[int, int, str]] = [(m.start, m.end, m.masked) for m in find_secrets(text, prose=True)]
    spans.extend((start, end, MASK) for start, end in pem_lines(text))
    for value in known:
        plain = value.reveal() if isinstance(value, Secret) else value
        if len(plain) >= 6:
            spans.extend((m.start(), m.end(), MASK) for m in re.finditer(re.escape(plain), text))
    return mask_spans(text, spans) if spans else text


_CUT_AT_END = 4  # characters of a value's beginning masked where a text ends inside it
_CUT_INSIDE = 6  # ... and anywhere else


def mask_known(text: str, values: Iterable[str]) -> str:
    """`text` with every occurrence of the known values masked, and every piece of text that begins like one of
    them: a scanner's message is cut to its first characters before it is masked, and a secret the cut goes
    through is no longer one the detectors recognise (`key Vq8zLr2p…`, `Error("TODO: ghp_MLPmy)`). A piece is
    masked from 6 of the value's first characters on, or from 4 where the text ends. Values shorter than 6
    characters are not masked (they would mask ordinary words)."""
    plain = [v for v in set(values) if len(v) >= _CUT_INSIDE]
    spans: list[tuple[int, int, str]] = []
    body = text.rstrip("….")
    for value in plain:
        at = text.find(value[:_CUT_INSIDE])
        while at != -1:
            end = at + _CUT_INSIDE
            while end < len(text) and end - at < len(value) and text[end] == value[end - at]:
                end += 1
            spans.append((at, end, MASK))
            at = text.find(value[:_CUT_INSIDE], end)
        for size in range(min(_CUT_INSIDE - 1, len(body)), _CUT_AT_END - 1, -1):
            if body.endswith(value[:size]):
                spans.append((len(body) - size, len(body), MASK))
                break
    return mask_spans(text, spans) if spans else text


def contains_secret(text: str) -> bool:
    """True when `text` holds something `mask_secrets` would mask (README entries refuse such text)."""
    return bool(find_secrets(text, prose=True))


def invalid_regexes(patterns: list[str]) -> str | None:
    """Configuration check of `secret_allowlist`: the first pattern that does not compile, or None."""
    for pattern in patterns:
        problem = safe_regex.check(pattern)  # the engine the allowlist runs on (time-bounded)
        if problem is not None:
            return f"has an invalid regular expression {pattern!r} ({problem})"
    return None
