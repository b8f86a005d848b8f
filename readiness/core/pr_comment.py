"""The sticky pull-request comment (Danger-style): one comment per pull request, found again by a hidden marker and
updated in place, through the GitHub CLI (`gh api`, which knows the repository and the login). Runs with the
scrubbed environment, never through a shell. The body is the markdown report; nothing here reads secrets."""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from readiness.core.blockers.log import sanitize
from readiness.core.errors import UsageError
from readiness.core.git_cli import safe_which
from readiness.core.repo import scrubbed_env

MARKER = "<!-- readiness: sticky pull-request comment, updated by `readiness report --post` -->"
MAX_BODY = 65_000  # GitHub refuses comments over 65 536 characters
_TRUNCATED = "\n\n… (cut to fit a GitHub comment: run `readiness report` for the whole report)\n"


@dataclass(frozen=True, slots=True)
class Posted:
    action: str  # "created" or "updated"
    pr: int
    url: str


def comment_body(markdown: str) -> str:
    """The marker (invisible on GitHub) and the report, cut to GitHub's limit."""
    body = f"{MARKER}\n{markdown}"
    if len(body) > MAX_BODY:
        body = body[:MAX_BODY - len(_TRUNCATED)].rsplit("\n", 1)[0] + _TRUNCATED
    return body


def _gh(args: list[str], cwd: Path, what: str) -> str:
    gh = safe_which("gh", [cwd])  # never a gh inside the repository or the current directory
    if gh is None:
        raise UsageError("posting needs the GitHub CLI: install gh (https://cli.github.com) and run `gh auth login`, "
                         "or use --dry-run to see the comment")
    try:
        proc = subprocess.run([gh, *args], cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL, timeout=120,
                              env=scrubbed_env())
    except (OSError, subprocess.SubprocessError) as exc:
        raise UsageError(f"gh could not run to {what} ({exc}): try again, or use --dry-run") from None
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"gh failed to {what}: {sanitize(err[-1] if err else str(proc.returncode))}")
    return proc.stdout.decode("utf-8", "replace")


def current_pr(cwd: Path) -> int:
    out = _gh(["pr", "view", "--json", "number", "--jq", ".number"], cwd, "find this branch's pull request").strip()
    if not out.isdigit():
        raise UsageError("no pull request for this branch: open one first, or name it with --pr NUMBER")
    return int(out)


def current_login(cwd: Path) -> str:
    """The login gh is authenticated as (`gh api user`): only that user's marked comment is ours."""
    login = _gh(["api", "user", "--jq", ".login"], cwd, "find the login gh is authenticated as").strip()
    if not login or any(c.isspace() for c in login):
        raise UsageError("gh did not say which user it is logged in as: run `gh auth status`, or use --dry-run")
    return login


def find_comment(pr: int, cwd: Path, login: str) -> int | None:
    """The id of the comment `login` wrote that carries the marker, if there is one (anyone can paste the marker into
    a comment of their own: that one is never edited)."""
    out = _gh(["api", "--paginate", f"repos/{{owner}}/{{repo}}/issues/{pr}/comments",
               "--jq", ".[] | [.id, .user.login, .body] | tojson"], cwd, f"read the comments of pull request #{pr}")
    for line in out.splitlines():
        try:
            comment_id, author, body = json.loads(line)
        except (ValueError, TypeError):
            continue
        if isinstance(body, str) and MARKER in body and isinstance(comment_id, int) and author == login:
            return comment_id
    return None


def post(markdown: str, cwd: Path, pr: int | None = None) -> Posted:
    """Create the sticky comment, or update the one already there."""
    number = pr if pr is not None else current_pr(cwd)
    existing = find_comment(number, cwd, current_login(cwd))
    with tempfile.TemporaryDirectory(prefix="readiness-comment-") as tmp:
        body_file = Path(tmp) / "body.md"
        body_file.write_text(comment_body(markdown), encoding="utf-8")
        if existing is None:
            args = ["api", "--method", "POST", f"repos/{{owner}}/{{repo}}/issues/{number}/comments"]
            action = "created"
        else:
            args = ["api", "--method", "PATCH", f"repos/{{owner}}/{{repo}}/issues/comments/{existing}"]
            action = "updated"
        out = _gh([*args, "-F", f"body=@{body_file}", "--jq", ".html_url"], cwd,
                  f"{'create' if existing is None else 'update'} the comment on pull request #{number}")
    return Posted(action=action, pr=number, url=sanitize(out.strip().splitlines()[-1] if out.strip() else ""))
