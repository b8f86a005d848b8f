"""The secret rules, shared by both secret scanners and by the masking core (`readiness.core.secrets.find`).

- `names`: the secret vocabulary (`is_secret_name`, the line gates);
- `detectors`: the hard-coded-secret detectors (`DETECTORS`, `detect`, `pem_lines`);
- `sinks`: the print and logger calls of each language that the printed-secret scanner matches by pattern
  (imported by that scanner itself: masking, which every output goes through, does not need them).
"""

from __future__ import annotations

from readiness.core.secrets.rules.detectors import (
    DETECTORS,
    WEAK_RULES,
    Detector,
    detect,
    high_entropy,
    pem_lines,
)
from readiness.core.secrets.rules.names import (
    KEY_QUALIFIERS,
    NOT_SECRET_WORDS,
    SECRET_VOCABULARY,
    SECRET_WORDS,
    TOKEN_QUALIFIERS,
    VOCABULARY_GATES,
    is_secret_name,
    lines_with,
    looks_like_lexer,
    lower_same_length,
    name_words,
)

__all__ = [
    "DETECTORS", "KEY_QUALIFIERS", "NOT_SECRET_WORDS", "SECRET_VOCABULARY", "SECRET_WORDS", "TOKEN_QUALIFIERS",
    "VOCABULARY_GATES", "WEAK_RULES", "Detector", "detect", "high_entropy", "is_secret_name", "lines_with",
    "looks_like_lexer", "lower_same_length", "name_words", "pem_lines",
]
