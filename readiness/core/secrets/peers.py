"""Other scanners' records of accepted secrets, honoured (read, never written): `.gitleaksignore` and
detect-secrets' `.secrets.baseline`, so a repository that adopted one of them needs no second set of waivers.

- `.gitleaksignore`: one fingerprint a line, `[commit:]path:rule-id:line` (gitleaks' own format); it matches a
  finding of the readiness rule that covers that gitleaks rule, at that path and line (and commit, for findings in
  the branch's history).
- `.secrets.baseline`: detect-secrets' JSON; a finding whose value's SHA-1 is listed for that file is accepted,
  wherever the line moved, unless the entry was audited as a real secret (`"is_secret": true`).

The gitleaks rules each readiness rule covers are `GITLEAKS` (built-in rules) and `Provider.gitleaks`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from readiness.core.secrets.rules.providers import PROVIDERS

GITLEAKS_IGNORE = ".gitleaksignore"
SECRETS_BASELINE = ".secrets.baseline"
GITLEAKS: dict[str, tuple[str, ...]] = {
    "aws-access-key-id": ("aws-access-token",),
    "github-token": ("github-pat", "github-oauth", "github-app-token", "github-refresh-token"),
    "github-fine-grained-token": ("github-fine-grained-pat",),
    "gitlab-token": ("gitlab-pat", "gitlab-pat-routable", "gitlab-deploy-token", "gitlab-runner-authentication-token",
                     "gitlab-runner-authentication-token-routable", "gitlab-ptt", "gitlab-scim-token",
                     "gitlab-cicd-job-token", "gitlab-feed-token", "gitlab-incoming-mail-token",
                     "gitlab-oauth-app-secret"),
    "slack-token": ("slack-bot-token", "slack-user-token", "slack-app-token", "slack-legacy-bot-token",
                    "slack-legacy-token", "slack-legacy-workspace-token"),
    "slack-webhook": ("slack-webhook-url",),
    "stripe-key": ("stripe-access-token",),
    "google-api-key": ("gcp-api-key",),
    "twilio-api-key": ("twilio-api-key",),
    "sendgrid-api-key": ("sendgrid-api-token",),
    "npm-token": ("npm-access-token",),
    "pypi-token": ("pypi-upload-token",),
    "jwt": ("jwt",),
    "private-key": ("private-key",),
    "url-credentials": ("sidekiq-sensitive-url", "curl-auth-user"),
    "generic-assignment": ("generic-api-key", "database-password", "hashicorp-tf-password", "freemius-secret-key",
                           "curl-auth-header"),
    **{provider.id: provider.gitleaks for provider in PROVIDERS},
}
_FINGERPRINT = re.compile(r"^(?:(?P<commit>[0-9a-f]{7,40}):)?(?P<path>.+):(?P<rule>[\w.\-]+):(?P<line>\d+)$")


@dataclass(frozen=True)
class PeerRecords:
    """What `.gitleaksignore` and `.secrets.baseline` accept."""

    fingerprints: frozenset[tuple[str | None, str, str, int]] = frozenset()  # (commit, path, gitleaks rule, line)
    hashes: dict[str, frozenset[str]] = field(default_factory=dict)  # path -> SHA-1 of accepted values

    def __bool__(self) -> bool:
        return bool(self.fingerprints or self.hashes)

    def accepts(self, rule: str, path: str, line: int, value: str, commit: str | None = None) -> bool:
        """Whether a finding of `rule` (`hardcoded-secret/github-token`) is accepted by either record."""
        accepted = self.hashes.get(path)
        if accepted and hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest() in accepted:  # noqa: S324
            return True
        names = GITLEAKS.get(rule.rsplit("/", 1)[-1], ())
        for known, where, name, number in self.fingerprints:
            if where == path and number == line and name in names:
                if known is None or commit is None or commit.startswith(known) or known.startswith(commit):
                    return True
        return False


def parse_gitleaksignore(text: str) -> frozenset[tuple[str | None, str, str, int]]:
    """The fingerprints of a `.gitleaksignore` (comments, blank and malformed lines skipped)."""
    found = set()
    for raw in text.splitlines():
        entry = raw.strip()
        match = _FINGERPRINT.match(entry) if entry and not entry.startswith("#") else None
        if match:
            found.add((match.group("commit"), match.group("path"), match.group("rule"), int(match.group("line"))))
    return frozenset(found)


def parse_secrets_baseline(text: str) -> dict[str, frozenset[str]]:
    """Per file, the SHA-1 hashes detect-secrets' baseline accepts (entries audited as real secrets excluded).
    Not JSON, or not a baseline: nothing is accepted."""
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, dict):
        return {}
    accepted: dict[str, frozenset[str]] = {}
    for path, entries in results.items():
        if isinstance(path, str) and isinstance(entries, list):
            hashes = frozenset(e["hashed_secret"] for e in entries if isinstance(e, dict)
                               and isinstance(e.get("hashed_secret"), str) and e.get("is_secret") is not True)
            if hashes:
                accepted[path] = hashes
    return accepted


def load_peer_records(read_text: Callable[[str], str | None]) -> PeerRecords:
    """Both records from the repository root (`read_text(path)` returns None when a file is missing)."""
    ignore, baseline = read_text(GITLEAKS_IGNORE), read_text(SECRETS_BASELINE)
    return PeerRecords(fingerprints=parse_gitleaksignore(ignore) if ignore else frozenset(),
                       hashes=parse_secrets_baseline(baseline) if baseline else {})
