"""The secret vocabulary: which identifiers name a secret, and which lines can hold a secret-named value.

`is_secret_name` decides whether an identifier names a secret (`client_secret` yes, `secret_name` no);
`SECRET_VOCABULARY` and `VOCABULARY_GATES` are the cheap line gates (lower-cased text, `str.find`) that the
generic detector and the printed-secret scanner run before any regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ahocorasick_rs import AhoCorasick

from readiness.core.decode import without_surrogates

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
SECRET_WORDS = frozenset({
    "secret", "secrets", "password", "passwords", "passwd", "pwd", "passphrase", "passcode", "token", "tokens",
    "credential", "credentials", "creds", "apikey", "accesskey", "privatekey", "secretkey", "signingkey", "hmackey",
    "sessionkey", "authtoken", "accesstoken", "bearer", "cookie", "cookies", "authorization",
})
KEY_QUALIFIERS = frozenset({"api", "access", "private", "signing", "sign", "hmac", "secret", "encryption", "session",
                            "master", "auth", "client", "app", "crypto", "jwt", "ssh", "aes", "webhook", "decryption"})
TOKEN_QUALIFIERS = frozenset({"access", "auth", "refresh", "bearer", "api", "csrf", "xsrf", "session", "oauth",
                              "github", "gh", "slack", "jwt", "secret", "personal", "private", "npm", "pypi", "bot",
                              "gitlab", "client", "service", "deploy", "verification", "invite", "magic", "login"})
# A name with one of these words is about the secret, not the secret: token_count, secret_name, is_password...
NOT_SECRET_WORDS = frozenset({
    "count", "counts", "cnt", "len", "length", "size", "num", "number", "max", "min", "limit", "name", "names",
    "id", "ids", "url", "urls", "uri", "path", "paths", "file", "files", "filename", "dir", "directory", "type",
    "types", "kind", "field", "fields", "label", "prompt", "hint", "help", "regex", "re", "rx", "pattern",
    "patterns", "format", "fmt", "template", "is", "has", "use", "uses", "need", "needs", "should", "can",
    "enable", "enabled", "disable", "disabled", "required", "require", "requires", "validator", "validators",
    "validate", "valid", "validation", "hasher", "hashers", "hash", "hashed", "hashes", "digest", "checksum", "salt",
    "policy", "reset", "change", "changed", "expire", "expires", "expiry", "expiration", "expired", "ttl", "timeout",
    "age", "lifetime", "endpoint", "host", "port", "index", "idx", "pos", "position", "offset", "start", "end",
    "class", "cls", "factory", "generator", "manager", "handler", "backend", "backends", "provider", "store",
    "storage", "input", "widget", "form", "column", "col", "attr", "attrs", "param", "params", "env", "var",
    "setting", "settings", "style", "mask", "masked", "redacted", "redact", "obfuscated", "hidden", "hide",
    "strength", "rules", "rule", "mode", "scope", "scopes", "location", "version", "algorithm", "alg", "method",
    "scheme", "prefix", "suffix", "sep", "separator", "char", "chars", "flag", "exists", "found", "missing",
    "present", "ok", "status", "total", "used", "usage", "spec", "title", "description", "doc", "docs",
    "placeholder", "tooltip", "button", "btn", "link", "page", "view", "domain", "secure", "httponly", "samesite",
    "publishable", "public", "pub", "kid", "width", "depth", "level", "bits", "dict", "map", "module",
    "tokenizer", "tokenize", "lexer", "parser", "stream", "iter", "iterator", "list", "generate", "gen",
    "integrity", "sha", "sha1", "sha256", "sha512", "md5", "crc", "etag", "fingerprint", "signature", "sig",
})
_TOKEN_ONLY = frozenset({"token", "tokens"})
# Plural `tokens` beside one of these is a count of tokens (a language model's usage), not credentials:
# completion_tokens, remaining_tokens, outputTokens, tokens_per_second (count, num, max, total, used, usage,
# prompt, input and limit are NOT_SECRET_WORDS already)
TOKEN_COUNT_WORDS = frozenset({"completion", "completions", "output", "remaining", "left", "budget", "cached",
                               "reasoning", "generated", "consumed", "spent", "billed", "estimated", "per"})
# `tokens` read from one of these is a count too: resp.usage.tokens, stats.tokens (not usage.api_tokens)
COUNT_HOLDERS = frozenset({"usage", "stats", "statistics", "metrics"})


def name_words(name: str) -> list[str]:
    """`clientSecret` -> ["client", "secret"]; `AWS_SECRET_ACCESS_KEY` -> ["aws", "secret", "access", "key"]."""
    return [w.lower() for w in _WORD.findall(name)]


def is_secret_name(name: str, *, lexer: bool = False, owner: str = "") -> bool:
    """Does this identifier name a secret? `lexer=True`: a bare `token` is a lexer token, not a credential.
    `owner`: what the name is read from (`resp.usage` for `resp.usage.tokens`), when it is an attribute or a key."""
    words = name_words(name)
    if not words or any(w in NOT_SECRET_WORDS for w in words):
        return False
    hits = [w for w in words if w in SECRET_WORDS]
    keyed = any(w == "key" and i and words[i - 1] in KEY_QUALIFIERS for i, w in enumerate(words))
    keyed = keyed or (len(words) >= 2 and words[-1] == "pass") or words[-2:] == ["auth", "header"]
    if not hits and not keyed:
        return False
    if not keyed and all(w == "tokens" for w in hits) and (any(w in TOKEN_COUNT_WORDS for w in words) or (
            not any(w in TOKEN_QUALIFIERS for w in words) and any(w in COUNT_HOLDERS for w in name_words(owner)))):
        return False  # a count of tokens: completion_tokens, usage.tokens (not usage.api_tokens)
    if lexer and not keyed and all(w in _TOKEN_ONLY for w in hits):
        return any(w in TOKEN_QUALIFIERS for w in words)
    return True


_LEXER_HINTS = ("tokenize", "lexer", "tokenizer", "tok_name", "TokenInfo", "import token", "from token ", "Lexer")


def looks_like_lexer(text: str) -> bool:
    """Files about lexing use `token` for lexer tokens: a bare `token` there is not a credential."""
    return any(hint in text for hint in _LEXER_HINTS)


# On lower-cased text: a line without one of these holds no secret-named value.
SECRET_VOCABULARY = re.compile(r"passw|pwd|passphrase|passcode|secret|token|credential|creds|api_?key|api-key|"
                               r"accesskey|access_key|privatekey|private_key|signing|hmac|auth|cookie|bearer|_pass\b|"
                               r"session_?key")


def lines_with(lower: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of each line of `lower` containing one of `words`, in order: one Aho-Corasick pass over the
    text (a `str.find` loop per word cost a pass per word), each line once."""
    words = tuple(words)
    if not any(words):
        return []
    automaton = _AUTOMATA.get(words)
    if automaton is None:
        automaton = _AUTOMATA[words] = AhoCorasick(sorted({w for w in words if w}))
    spans: list[tuple[int, int]] = []
    end = -1
    for _, hit, _ in automaton.find_matches_as_indexes(without_surrogates(lower)):
        if hit <= end:
            continue  # on the line found last
        start = lower.rfind("\n", 0, hit) + 1
        end = lower.find("\n", hit)
        end = len(lower) if end < 0 else end
        spans.append((start, end))
    return spans


_AUTOMATA: dict[tuple[str, ...], AhoCorasick] = {}  # per word list: built once per process


# Every name in the secret vocabulary contains one of these (lower-cased): the generic rule's line gate.
VOCABULARY_GATES = ("pass", "pwd", "secret", "token", "cred", "key", "auth", "cookie", "bearer")


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower_same_length(text: str) -> str:
    """text.lower(), unless that changes offsets (`İ` lowers to two code points): then ASCII-only lowering."""
    lower = text.lower()
    return lower if len(lower) == len(text) else text.translate(_ASCII_LOWER)
