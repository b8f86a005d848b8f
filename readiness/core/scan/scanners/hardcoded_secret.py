"""Hard-coded secrets: provider tokens, private keys, credentials in URLs and secret-named high-entropy literals.

The detectors live in `readiness.core.secrets.values` (the same ones mask gate output and refuse README entries); this
module adds the rule texts, the per-file choices (unquoted values in config files, no generic rule in lock
files), the allowlist (`secret_allowlist` regexes, `secret_allowlist_paths` patterns) and the masking of the
reported line. A finding never carries the value: the snippet is masked and the fingerprint key is the masked
line plus an HMAC of the value (`readiness.core.secrets.values.keyed_hash`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from readiness.core.errors import ConfigError
from readiness.core.models import Severity
from readiness.core.paths import matcher
from readiness.core.safe_regex import BoundedPattern, PatternError, compile_bounded, slow_message
from readiness.core.scan._source.code import files_to_scan
from readiness.core.scan.base import PerFileScanner, RawFinding, Rule, ScanContext, SourceFile
from readiness.core.secrets.find import find_secrets, mask_secrets, mask_spans
from readiness.core.secrets.fingerprint import fingerprint_key, keyed_hash
from readiness.core.secrets.peers import PeerRecords, load_peer_records
from readiness.core.secrets.rules.providers import PROVIDERS
from readiness.core.secrets.values import SecretMatch

CATEGORY = "hardcoded-secret"
_WHY = ("A secret in the repository is readable by everyone who can read the code, its forks and its history, "
        "for ever: removing the line later does not take it back.")
_FIX = ("Revoke and rotate it, then read it at run time (environment variable, secret manager). If it is a fake "
        "test value, waive it with a reason or add its path or pattern to `secret_allowlist_paths` / "
        "`secret_allowlist`.")
_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO


def _rule(rid: str, severity: Severity, title: str, what: str, example: str, fix: str = _FIX) -> Rule:
    return Rule(f"{CATEGORY}/{rid}", CATEGORY, severity, title, what, _WHY, fix, example)


# Examples show the masked form: product code never carries a realistic secret.
RULES: dict[str, Rule] = {r.id: r for r in (
    _rule("aws-access-key-id", _E, "AWS access key id", "An AWS access key id (AKIA/ASIA + 16 characters).",
          'aws_access_key_id = "AKIA****"'),
    _rule("aws-secret-access-key", _E, "AWS secret access key",
          "A 40-character AWS secret access key next to an aws…secret name.", 'AWS_SECRET_ACCESS_KEY = "****"'),
    _rule("github-token", _E, "GitHub token", "A classic GitHub token (ghp_, gho_, ghu_, ghs_, ghr_).",
          'GITHUB_TOKEN = "ghp_****"'),
    _rule("github-fine-grained-token", _E, "GitHub fine-grained token", "A fine-grained personal access token "
          "(github_pat_…).", 'token = "gith****"'),
    _rule("gitlab-token", _E, "GitLab token", "A GitLab personal, deploy, runner or trigger token (glpat-, gldt-, "
          "glrt-, glptt-…).", 'GITLAB_TOKEN = "glpa****"'),
    _rule("slack-token", _E, "Slack token", "A Slack bot, user, app or configuration token (xoxb-, xoxp-, xapp-…).",
          'SLACK_BOT_TOKEN = "xoxb****"'),
    _rule("slack-webhook", _E, "Slack webhook URL", "An incoming-webhook URL: anyone holding it can post to the "
          "channel.", 'WEBHOOK = "https://hooks.slack.com/services/****"'),
    _rule("stripe-key", _E, "Stripe live key", "A Stripe live secret or restricted key (sk_live_, rk_live_).",
          'stripe.api_key = "sk_l****"'),
    _rule("google-api-key", _E, "Google API key", "A Google API key (AIza + 35 characters).",
          'MAPS_KEY = "AIza****"'),
    _rule("twilio-api-key", _E, "Twilio API key", "A Twilio API key sid (SK + 32 hex digits).",
          'TWILIO_KEY = "SK****"'),
    _rule("sendgrid-api-key", _E, "SendGrid API key", "A SendGrid API key (SG.<22>.<43>).",
          'SENDGRID_API_KEY = "SG.****"'),
    _rule("npm-token", _E, "npm token", "An npm access token (npm_ + 36 characters).",
          "//registry.npmjs.org/:_authToken=npm_****"),
    _rule("pypi-token", _E, "PyPI token", "A PyPI or TestPyPI upload token (pypi-AgE…).", "password = pypi****"),
    _rule("jwt", _W, "JSON Web Token", "A signed JWT (header with alg/typ, payload, signature): a bearer credential "
          "until it expires.", 'AUTH = "Bearer eyJ****"'),
    _rule("private-key", _E, "Private key", "A PEM, OpenSSH or PGP private key block, also when it is split over "
          "lines of string literals.", '-----BEGIN RSA PRIVATE KEY-----\n****\n-----END RSA PRIVATE KEY-----'),
    _rule("url-credentials", _W, "Password in a URL", "A URL with user:password@host whose password is not a "
          "placeholder.", 'DATABASE_URL = "postgres://app:****@db.internal/app"'),
    _rule("generic-assignment", _W, "Secret-named high-entropy literal",
          "A variable, key or argument named like a secret (password, secret, token, api_key…) assigned a literal "
          "that is long and random enough to be real (not a placeholder, template, UUID, path or checksum).",
          'client_secret = "****"'),
    _rule("password-in-text", _W, "Credential in written text", "A secret-named assignment (`password=…`, "
          "`token: …`) in text a person writes or is shown (blocker fields, notes, triage answers, tickets, "
          "reports, gate output), even when the value is too regular for the generic rule. Source files are "
          "judged by the generic rule instead.", "readiness blocker add --summary 'password=**** on staging'"),
    _rule("in-history", _E, "Secret in the branch's history", "A secret added by a commit of the branch (between "
          "the merge-base and HEAD; every commit with `--history`) and gone from the work tree: the pull request "
          "still carries it, and pushing it publishes it. Always an error, whatever the value's rule.",
          "commit 1a2b3c4 “add CI config” (line 3): GH_TOKEN = \"ghp_****\"",
          fix="Rotate the credential first (it is exposed from the moment it is pushed), then rewrite the branch so "
              "no commit carries it: `git rebase -i <merge-base>` and edit the commit (or `git commit --amend` when "
              "it is the last one), then push. Deleting the line in a new commit is not enough."),
    _rule("default-password", _I, "Well-known default password", "A secret-named value set to a well-known "
          "default such as changeme: not a leak, but it must not reach production.", 'password = "****"'),
    _rule("slow-allowlist-pattern", _W, "Allowlist pattern too slow", "A `secret_allowlist` regular expression ran "
          "out of its time budget (it backtracks catastrophically): it was not used for the rest of the run, so "
          "the findings it would have allowed are reported.", 'secret_allowlist = ["(.*a){20}z"]'),
)}
SLOW_ALLOWLIST = f"{CATEGORY}/slow-allowlist-pattern"

# Provider rules kept as data (`readiness.core.secrets.rules.providers`): the vendor's format and where it is documented.
RULES.update({f"{CATEGORY}/{p.id}": _rule(p.id, Severity(p.severity), p.title, f"{p.what} (format: {p.source})",
                                          p.example) for p in PROVIDERS})

_LOCKFILES = frozenset({"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock",
                        "Pipfile.lock", "Cargo.lock", "go.sum", "composer.lock", "Gemfile.lock", "uv.lock",
                        "pdm.lock", "flake.lock", "mix.lock", "packages.lock.json", "gradle.lockfile"})
_UNQUOTED_LANGS = frozenset({"yaml", "shell"})
_UNQUOTED_SUFFIXES = frozenset({".env", ".ini", ".cfg", ".conf", ".properties", ".npmrc", ".pypirc", ".netrc"})


def compile_allowlist(patterns: list[str]) -> list[BoundedPattern]:
    """The repository's `secret_allowlist`, each pattern with a time budget (`readiness.core.safe_regex`)."""
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(compile_bounded(pattern))
        except PatternError as exc:
            raise ConfigError(f"secret_allowlist: {pattern!r} is not a valid regular expression ({exc})") from None
    return compiled


def slow_patterns(allow: Sequence[BoundedPattern], config_path: str) -> Iterator[RawFinding]:
    """One finding per allowlist pattern that ran out of its time budget: it allowed nothing from then on."""
    for pattern in allow:
        if pattern.slow:
            yield RawFinding(SLOW_ALLOWLIST, config_path, None, slow_message("secret_allowlist", pattern))


def secret_scope(ctx: ScanContext) -> Iterator[SourceFile]:
    """The files the secret scanners read: with changed lines, outside `secret_allowlist_paths`; none once the run
    is cancelled."""
    return (source for source in files_to_scan(ctx) if in_secret_scope(ctx, source))


def in_secret_scope(ctx: ScanContext, source: SourceFile) -> bool:
    """Whether the secret scanners read the file: it has lines to scan and is outside `secret_allowlist_paths`."""
    allowed = ctx.cached("secrets:allowed-paths", lambda: matcher(ctx.settings.get("secret_allowlist_paths", ())))
    return (source.changed is None or bool(source.changed)) and not allowed.match(source.path)


def _reads_unquoted(source: SourceFile, name: str) -> bool:
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    return (source.language in _UNQUOTED_LANGS or suffix in _UNQUOTED_SUFFIXES or name.startswith(".env")
            or name in {"Dockerfile", "Containerfile"})


# Other scanners' inline allow markers are honoured: gitleaks and detect-secrets users keep their annotations.
_PRAGMA = re.compile(r"gitleaks:allow|pragma: ?allowlist secret")
_PRAGMA_NEXT = "pragma: allowlist nextline secret"


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _finding(source: SourceFile, match: SecretMatch, starts: list[int], matches: list[SecretMatch],
             key: bytes, allow: Sequence[BoundedPattern], peers: PeerRecords | None = None) -> RawFinding | None:
    """The finding for one match, or None when allowlisted (or accepted by `.gitleaksignore` /
    `.secrets.baseline`). Plain text stays inside this call."""
    number = bisect.bisect_right(starts, match.start)
    if match.rule == "hardcoded-secret/private-key":
        begin = source.text.rfind("-----BEGIN", 0, match.start)
        first = bisect.bisect_right(starts, begin) if begin >= 0 else number
        last = bisect.bisect_right(starts, max(match.start, match.end - 1))
        number = next((n for n in range(first, last + 1) if source.is_changed(n)), first)
    line = source.line(number)
    value = match.secret.reveal()
    if _PRAGMA.search(line) or _PRAGMA_NEXT in source.line(number - 1):
        return None
    if any(p.search(value) or p.search(line) for p in allow):
        return None
    if peers and peers.accepts(match.rule, source.path, number, value):
        return None
    line_start = starts[number - 1]
    own = [(max(m.start, line_start) - line_start, min(m.end, line_start + len(line)) - line_start, m.masked)
           for m in matches if m.start < line_start + len(line) and m.end > line_start]
    # Every span on the line, then every other occurrence of any value found in the file (a password that
    # appears twice on a line, once inside a URL and once alone, is masked twice).
    snippet = mask_secrets(mask_spans(line, own), known=[m.secret for m in matches])
    rule = RULES[match.rule]
    return RawFinding(rule=rule.id, path=source.path, line=number,
                      message=f"{rule.title.lower()} {match.masked} hard-coded in the source"
                              + (f" ({match.note})" if match.note else ""),
                      snippet=snippet, key=snippet + "\0" + keyed_hash(value, key))


def findings_with_matches(source: SourceFile, key: bytes, allow: Sequence[BoundedPattern] = (),
                          peers: PeerRecords | None = None) -> Iterator[tuple[RawFinding, SecretMatch]]:
    """Each finding of `source` with the match it reports (the history scan needs the value to compare it with the
    tree; it never leaves the core)."""
    name = source.path.rsplit("/", 1)[-1]
    lockfile = name in _LOCKFILES or name.endswith((".lock", ".sum"))
    matches = [m for m in find_secrets(source.text, unquoted=_reads_unquoted(source, name))
               if not (lockfile and m.rule == "hardcoded-secret/generic-assignment")]
    if not matches:
        return
    starts = _line_starts(source.text)
    for match in matches:
        finding = _finding(source, match, starts, matches, key, allow, peers)
        if finding is not None:
            yield finding, match


def scan_source(source: SourceFile, key: bytes, allow: Sequence[BoundedPattern] = (),
                peers: PeerRecords | None = None) -> Iterator[RawFinding]:
    for finding, _ in findings_with_matches(source, key, allow, peers):
        yield finding


def peer_records(repo: object) -> PeerRecords:
    """`.gitleaksignore` and `.secrets.baseline` at the repository root (none without a repository)."""
    read_text = getattr(repo, "read_text", None)
    return load_peer_records(read_text) if read_text is not None else PeerRecords()


class HardcodedSecretScanner(PerFileScanner):
    name = CATEGORY
    rules = RULES

    def wants(self, ctx: ScanContext, source: SourceFile) -> bool:
        return in_secret_scope(ctx, source)

    def scan_file(self, ctx: ScanContext, source: SourceFile) -> Iterator[RawFinding]:
        allow, key, peers = self._setup(ctx)
        yield from scan_source(source, key, allow, peers)

    def finish(self, ctx: ScanContext) -> Iterator[RawFinding]:
        yield from slow_patterns(self._setup(ctx)[0], ctx.config_path or "pyproject.toml")

    @staticmethod
    def _setup(ctx: ScanContext) -> tuple[list[BoundedPattern], bytes, PeerRecords]:
        """(the allowlist, the fingerprint key, the peers' records), once per run."""
        return ctx.cached("hardcoded-secret:setup", lambda: (
            compile_allowlist(list(ctx.settings.get("secret_allowlist", ()))),
            ctx.cached("secrets:key", lambda: fingerprint_key(getattr(ctx.repo, "git_dir", None))),
            peer_records(ctx.repo)))


SCANNER = HardcodedSecretScanner()
