"""The hard-coded-secret detectors: provider rules as data, private key blocks, and the generic rule.

`detect(text)` yields every `SecretMatch` of the provider rules (each pattern starts with a literal, so the regex
engine skips ahead at C speed), of private key blocks and of the generic "secret-named high-entropy literal"
rule (run only on lines that contain a vocabulary word, found with `str.find`). Use
`readiness.core.secrets.find.find_secrets` rather than `detect` directly: it sorts the matches and drops overlaps.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator

from ahocorasick_rs import AhoCorasick, Implementation

from readiness.core.decode import without_surrogates
from readiness.core.secrets.rules.names import VOCABULARY_GATES, is_secret_name, lines_with, lower_same_length
from readiness.core.secrets.rules.providers import PROVIDERS
from readiness.core.secrets.rules.shapes import CHECKSUM_VALID as CHECKSUM_VALID
from readiness.core.secrets.rules.shapes import Detector as Detector
from readiness.core.secrets.rules.shapes import LazyPattern
from readiness.core.secrets.rules.shapes import base62_crc32 as base62_crc32
from readiness.core.secrets.rules.shapes import crc_note as _crc_note
from readiness.core.secrets.rules.shapes import random_enough as _random_enough
from readiness.core.secrets.values import DEFAULT_PASSWORDS, MASK, Secret, SecretMatch, entropy, is_placeholder, mask


def _jwt_ok(value: str) -> bool:
    head = value.split(".", 1)[0]
    try:
        header = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return False
    return isinstance(header, dict) and ("alg" in header or "typ" in header) and _random_enough(value, 4.0)


_E = r"(?![A-Za-z0-9_\-])"  # end boundary for tokens made of word characters and dashes
DETECTORS: tuple[Detector, ...] = (
    Detector("aws-access-key-id", LazyPattern(r"(?P<value>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])"), 4,
             lambda v: _random_enough(v[4:], 2.5), gates=("AKIA", "ASIA", "ABIA", "ACCA")),
    Detector("aws-secret-access-key", LazyPattern(
        r"(?i)aws.{0,24}?(?:secret|private).{0,24}?[\"'\s:=>]{1,6}(?P<value>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"),
        0, lambda v: _random_enough(v, 4.0), line_gate=("aws",), boundary=False),
    Detector("github-token", LazyPattern(r"(?P<value>gh[pousr]_[A-Za-z0-9]{36,251})" + _E), 4,
             lambda v: _random_enough(v[4:]), note=_crc_note, gates=("ghp_", "gho_", "ghu_", "ghs_", "ghr_")),
    Detector("github-fine-grained-token", LazyPattern(r"(?P<value>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})" + _E),
             4, lambda v: _random_enough(v[11:]), gate="github_pat_"),
    Detector("gitlab-token", LazyPattern(r"(?P<value>gl(?:pat|dt|rt|ptt|soat|cbt|ft|imt|oas)-[A-Za-z0-9_\-]{20,80}"
                                        r"(?:\.[A-Za-z0-9_\-]{2,80})*)" + _E), 4,
             lambda v: _random_enough(v.split("-", 1)[1]),
             gates=("glpat-", "gldt-", "glrt-", "glptt-", "glsoat-", "glcbt-", "glft-", "glimt-", "gloas-")),
    Detector("slack-token", LazyPattern(r"(?P<value>xox[abposre]-[0-9]{8,13}-[A-Za-z0-9-]{8,}[A-Za-z0-9]|xapp-[0-9]-"
                                       r"[A-Z0-9]{8,}-[0-9]{8,}-[a-z0-9]{20,})" + _E), 4,
             lambda v: _random_enough(v[5:], 3.0), gates=("xox", "xapp-")),
    Detector("slack-webhook", LazyPattern(
        r"hooks\.slack\.com/(?:services|workflows|triggers)/(?P<value>[A-Za-z0-9_/+\-]{20,})"), 0,
        lambda v: _random_enough(v, 3.0), boundary=False, gate="hooks.slack.com/"),
    Detector("stripe-key", LazyPattern(r"(?P<value>[sr]k_live_[A-Za-z0-9]{20,247})" + _E), 4,
             lambda v: _random_enough(v[8:]), gate="k_live_"),
    Detector("google-api-key", LazyPattern(r"(?P<value>AIza[A-Za-z0-9_\-]{35})" + _E), 4,
             lambda v: _random_enough(v[4:]), gate="AIza"),
    Detector("twilio-api-key", LazyPattern(r"(?P<value>SK[0-9a-fA-F]{32})(?![A-Za-z0-9])"), 2,
             # 32 random hex digits average 3.6 bits of entropy per character and fall below 3.0 about once in
             # a few thousand keys (a real key was missed so): 2.5 still rejects typed and repeated values.
             lambda v: _random_enough(v[2:], 2.5), gate="SK"),
    Detector("sendgrid-api-key", LazyPattern(r"(?P<value>SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})" + _E), 3,
             lambda v: _random_enough(v[3:]), gate="SG."),
    Detector("npm-token", LazyPattern(r"(?P<value>npm_[A-Za-z0-9]{36})" + _E), 4, lambda v: _random_enough(v[4:]),
             note=_crc_note, gate="npm_"),
    Detector("pypi-token", LazyPattern(
        r"(?P<value>pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\-]{50,})" + _E), 4,
        lambda v: _random_enough(v[24:]), gate="pypi-AgE"),
    Detector("jwt", LazyPattern(r"(?P<value>eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{16,})" + _E),
             3, _jwt_ok, gate="eyJ"),
    Detector("url-credentials", LazyPattern(
        r"[A-Za-z][A-Za-z0-9+.\-]{1,15}://[^\s:/?#@\"'<>\[\]{}]{0,64}:(?P<value>[^\s:/?#@\"'<>\[\]{}`]{3,128})@"
        r"[A-Za-z0-9]"), 0, lambda v: _credential_ok(v), line_gate=("://",), boundary=False),
    *(provider.detector for provider in PROVIDERS),
)
WEAK_RULES = frozenset({"hardcoded-secret/generic-assignment", "hardcoded-secret/url-credentials",
                         "hardcoded-secret/default-password", "hardcoded-secret/password-in-text"})


def _classes(value: str) -> int:
    return sum((any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value),
                any(not c.isalnum() for c in value)))


_WORDY = re.compile(r"^(?:[a-z]+\d*(?:[_\-. =:/][a-z]+\d*)+|[A-Z]+\d*(?:[_\-.=:][A-Z]+\d*)+|[a-z]+(?:[A-Z][a-z]+)+|"
                    r"[A-Z][a-z]+(?:[A-Z][a-z]+)+)\d{0,2}$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_NOT_A_VALUE = re.compile(r"^(?:https?:|/|\./|\.\./|~|[A-Za-z]:\\)|://|^(?:sha\d*|md5|blake2\w*)[:\-]|\\[dswbnxuU0-7]|"
                          # password hashes (Django, crypt(3), passlib) are not the password
                          r"^(?:pbkdf2_sha\d+|argon2|bcrypt(?:_sha256)?|scrypt|sha1|md5|unsalted_\w+|crypt)\$|"
                          r"^\$(?:1|2[abxy]?|5|6|7|y|gy|argon2(?:i|d|id)?|pbkdf2[\w-]*|scrypt)\$|@[\w-]+\.[A-Za-z]{2,}|"
                          r"\(\?|\[\^|^\^|\$$|^[a-zA-Z_][\w]*(?:\.[a-zA-Z_]\w*){2,}$|^[\w\-]+\.(?:pem|key|json|txt|"
                          r"crt|cer|p12|pfx|ya?ml|toml|ini|cfg|conf|env)$")
# A weak-rule value that spells out what it is (`Password123!`, `MySekret`, `example-key`) is a stand-in.
_SAYS_WHAT_IT_IS = re.compile(r"(?i)passw|secret|sekret|token|example|dummy|sample|changeme|placeholder")
_WORD_VALUES = re.compile(r"(?i)^(?:pass(?:word)?|passwd|pwd|secret|token|key|api_?key|user(?:name)?|admin|root|test|"
                          r"dummy|fake|foo|bar|baz|qux|guest|demo|none|empty|default|sample|mypass(?:word)?)\d*$")


def _credential_ok(value: str) -> bool:
    return (len(value) >= 6 and not is_placeholder(value) and not _WORD_VALUES.match(value)
            and not _SAYS_WHAT_IT_IS.search(value)
            and _classes(value) >= 2 and entropy(value) >= 2.5 and not value.startswith(("$", "%", "{")))


def _basic_credentials_ok(value: str) -> bool:
    """`Basic <base64 of user:password>`: judged by the decoded password (`user:passwd` is a stand-in)."""
    try:
        decoded = base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return high_entropy(value)
    user, sep, password = decoded.partition(":")
    return bool(sep) and _credential_ok(password)


def high_entropy(value: str) -> bool:
    """The generic rule's bar: long enough, mixed enough and random enough to be a real credential."""
    if len(value) < 12 or is_placeholder(value) or _WORDY.match(value) or _UUID.match(value):
        return False
    if _NOT_A_VALUE.search(value) or _WORD_VALUES.match(value) or _SAYS_WHAT_IT_IS.search(value):
        return False
    if re.fullmatch(r"[0-9a-f]+|[0-9A-F]+", value):
        return len(value) >= 20 and entropy(value) >= 3.0
    return _classes(value) >= 2 and entropy(value) >= (3.3 if len(value) < 20 else 3.6)


_ASSIGN = re.compile(
    r"""(?<![\w$@.])(?P<key>[A-Za-z_$@][\w$@.\-]*)["'`]?\]?[ \t]*
        (?P<op>:[ \t]*[A-Za-z_][\w.\[\]|, ]*?[ \t]*=(?!=)|:=|=>|<-|:(?!:)|(?<![=!<>])=(?![=~>]))[ \t]*
        (?:(?:[rRbBuU]{1,2})?(?P<q>["'`])(?P<qv>(?:\\.|(?!(?P=q))[^\\\n]){1,400}?)(?P=q)
         |(?P<uv>[^\s"'`,;#&|<>(){}\[\]]{1,400})(?=[ \t]*(?:$|\#|//|;|,)))""",
    re.X,
)
_AUTH_SCHEME = re.compile(r"^(?:Bearer|Basic|Token|token|bearer|Digest)\s+")


def _assignments(text: str, lower: str, unquoted: bool) -> Iterator[SecretMatch]:
    for start, end in lines_with(lower, VOCABULARY_GATES):
        if not unquoted and all(text.find(quote, start, end) < 0 for quote in "\"'`"):  # no slice of the line
            continue
        for m in _ASSIGN.finditer(text, start, end):
            quoted = m.group("q") is not None
            if not quoted and not unquoted:
                continue
            key = re.split(r"[.$@:]|->", m.group("key"))[-1]
            if not is_secret_name(key):
                continue
            group = "qv" if quoted else "uv"
            value, offset = m.group(group), m.start(group)
            scheme = _AUTH_SCHEME.match(value)
            if scheme:
                value, offset = value[scheme.end():], offset + scheme.end()
                if scheme.group().lower().startswith("basic") and not _basic_credentials_ok(value):
                    continue
            if any(c.isspace() for c in value):
                continue
            if value.lower() in DEFAULT_PASSWORDS:
                rule = "hardcoded-secret/default-password"
            elif high_entropy(value):
                rule = "hardcoded-secret/generic-assignment"
            else:
                continue
            yield SecretMatch(rule, offset, offset + len(value), mask(value, 0), Secret(value, 0))


# Text a person writes (a blocker summary, a note, a triage answer) holds no credential at all, even a weak one:
# `password=hunter2hunter2 on staging` is refused although its value is too regular for the generic rule.
_PROSE_ASSIGN = re.compile(r"(?<![\w$@.])(?P<key>[A-Za-z_][\w.\-]*)[\"'`]?[ \t]*(?::=|=>|=|:)[ \t]*[\"'`]?"
                           r"(?P<value>[^\s\"'`,;()\[\]{}<>]{6,200})(?![(\[{<])")
_DOTTED = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$")


def _prose_assignments(text: str, lower: str) -> Iterator[SecretMatch]:
    for start, end in lines_with(lower, VOCABULARY_GATES):
        for m in _PROSE_ASSIGN.finditer(text, start, end):
            key = re.split(r"[.$@:]|->", m.group("key"))[-1]
            value = m.group("value").rstrip(".)]!?")
            if (not is_secret_name(key) or len(value) < 6 or _DOTTED.match(value) or _NOT_A_VALUE.search(value)
                    or _UUID.match(value)):
                continue
            if value.lower() in DEFAULT_PASSWORDS or _credential_ok(value):
                offset = m.start("value")
                yield SecretMatch("hardcoded-secret/password-in-text", offset, offset + len(value), mask(value, 0),
                                  Secret(value, 0))


_PEM_BEGIN = re.compile(r"-----BEGIN[ A-Z0-9]{0,30}? PRIVATE KEY(?: BLOCK)?-----")
_PEM_END = re.compile(r"-----END[ A-Z0-9]{0,30}? PRIVATE KEY(?: BLOCK)?-----")
_B64_RUN = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
_PEM_HEADER = re.compile(r"^\W*(?:Proc-Type|DEK-Info|Version|Comment|Hash|Charset)\s*:", re.M)


def _private_keys(text: str) -> Iterator[SecretMatch]:
    """PEM and PGP private key blocks, also split over lines of string literals; the span is the key body."""
    for begin in _PEM_BEGIN.finditer(text):
        end = _PEM_END.search(text, begin.end(), begin.end() + 20000)
        if end is not None:
            region_end = end.start()
        else:  # no END marker: the body runs while lines still carry base64
            region_end, pos = begin.end(), begin.end()
            for _ in range(200):
                nl = text.find("\n", pos + 1)
                line_end = len(text) if nl < 0 else nl
                if not _B64_RUN.search(text, pos, line_end) and pos > begin.end():
                    break
                region_end, pos = line_end, line_end
                if nl < 0:
                    break
        runs = [r for r in _B64_RUN.finditer(text, begin.end(), region_end)
                if not _PEM_HEADER.match(text, text.rfind("\n", 0, r.start()) + 1)]
        body = "".join(r.group() for r in runs)
        if len(body) < 64 or entropy(body) < 4.0 or is_placeholder(body):
            continue
        value = text[runs[0].start():runs[-1].end()]
        yield SecretMatch("hardcoded-secret/private-key", runs[0].start(), runs[-1].end(), MASK, Secret(value, 0))


_PEM_LINE = re.compile(r"^[ \t\"']*(?P<value>[A-Za-z0-9+/]{60,76}={0,2})[\"',+ \t\\n]*$", re.M)


# Every rule's literals, found in one pass each (Aho-Corasick, in Rust): a hundred `in` tests or regex passes per
# file would cost a hundred passes over the text; a rule runs only where one of its literals occurs.
# As a DFA: every file is searched for all of them with overlapping matches, three times faster than the default
# automaton (sympy's 30 MB: 0.16 s -> 0.05 s) for under a millisecond to build.
_GATES = AhoCorasick(sorted({g for d in DETECTORS for g in (*d.gates, d.gate) if g}), implementation=Implementation.DFA)
_LINE_GATES = AhoCorasick(sorted({g for d in DETECTORS for g in d.line_gate}), implementation=Implementation.DFA)


def _by_literal() -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Which detectors (by position) each literal can let through: a detector is listed under its one gate, else its
    gates, else its line gates (the literals found in the lower-cased text); one without any runs always. A file
    then visits only the detectors a literal it holds names, not all of them (each is still checked in full)."""
    exact: dict[str, list[int]] = {}
    lower: dict[str, list[int]] = {}
    always: list[int] = []
    for position, det in enumerate(DETECTORS):
        if det.gate or det.gates:
            for literal in (det.gate,) if det.gate else det.gates:
                exact.setdefault(literal, []).append(position)
        elif det.line_gate:
            for literal in det.line_gate:
                lower.setdefault(literal, []).append(position)
        else:
            always.append(position)
    return ({k: tuple(v) for k, v in exact.items()}, {k: tuple(v) for k, v in lower.items()}, tuple(always))


_EXACT_LITERALS, _LOWER_LITERALS, _ALWAYS = _by_literal()


def detect(text: str, unquoted: bool = True, prose: bool = False) -> Iterator[SecretMatch]:
    """Every match in `text`. `prose=True` (text a person writes or is shown) also reports secret-named
    assignments of weak values (`password=hunter2hunter2`)."""
    lower = lower_same_length(text)
    present = set(_GATES.find_matches_as_strings(without_surrogates(text), overlapping=True))
    present_lower = set(_LINE_GATES.find_matches_as_strings(without_surrogates(lower), overlapping=True))
    visit = set(_ALWAYS)
    for literal in present:
        visit.update(_EXACT_LITERALS.get(literal, ()))
    for literal in present_lower:
        visit.update(_LOWER_LITERALS.get(literal, ()))
    for det in [DETECTORS[position] for position in sorted(visit)]:  # in the detectors' order, as before
        if det.gate and det.gate not in present:
            continue
        if det.gates and present.isdisjoint(det.gates):
            continue
        if det.line_gate and present_lower.isdisjoint(det.line_gate):
            continue
        spans = lines_with(lower, det.line_gate) if det.line_gate else [(0, len(text))]
        for start, end in spans:
            for m in det.pattern.finditer(text, start, end):
                at = m.start("value")
                if det.boundary and at and (text[at - 1].isalnum() or text[at - 1] in "_-"):
                    continue
                value = m.group("value")
                if det.check is not None and not det.check(value):
                    continue
                yield SecretMatch(f"hardcoded-secret/{det.id}", at, m.end("value"), mask(value, det.keep),
                                  Secret(value, det.keep), det.note(value) if det.note is not None else "")
    if "PRIVATE KEY" in text:
        yield from _private_keys(text)
    yield from _assignments(text, lower, unquoted)
    if prose:
        yield from _prose_assignments(text, lower)


def pem_lines(text: str) -> Iterator[tuple[int, int]]:
    """Lines that are nothing but 60-76 high-entropy base64 characters: a key body seen without its header."""
    for m in _PEM_LINE.finditer(text):
        if entropy(m.group("value")) >= 5.0:
            yield m.start("value"), m.end("value")
