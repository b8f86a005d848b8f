"""`readiness report --format markdown` on a fixed repository (fixed dates, so fixed shas) against a golden file.

When the report legitimately changes (a new scanner, a reworded detail), regenerate the golden file with
`READINESS_UPDATE_GOLDEN=1 pytest tests/component/test_report_command__markdown_matches_golden.py` and review the diff.
"""

import json
import os
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

import readiness
from readiness.cli import main

GOLDEN = Path(__file__).parent / "golden" / "report_markdown__feature_branch.md"
README = """# payments

Refunds and captures for the shop.

## Usage

```sh
python -m payments refund ORDER
```

## Troubleshooting

If a refund fails, check the ledger connection and run it again: refunds are idempotent.

## Blockers

- [ ] **B1** · environment · 2024-01-02 · staging DB refuses connections from CI runners
- [x] **B2** · build · 2024-01-02 · pytest collection fails on Python 3.13 (resolved 2024-01-02)
"""
LEDGER = '''"""The ledger: what was paid and refunded."""


def balance(entries):
    """Sum of the entries."""
    return sum(entries)
'''
PAYMENTS = '''"""Refunds."""

from pkg.ledger import balance


def refund(order):
    """Refund an order."""
    raise NotImplementedError


def owed(entries):
    """What is still owed."""
    if not entries:
        raise ValueError("no entries")
    return balance(entries)
'''
TESTS = '''import pytest

from pkg.payments import owed


def test_owed_sums_entries():
    assert owed([1, 2]) == 3


def test_owed_rejects_no_entries():
    with pytest.raises(ValueError):
        owed([])
'''


def make_repo(git_repo):
    git_repo.write("README.md", README)
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("pkg/ledger.py", LEDGER)
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature/refunds")
    git_repo.write("pkg/payments.py", PAYMENTS)
    git_repo.write("tests/test_payments.py", TESTS)
    git_repo.commit("refunds")
    return git_repo


def render(capsys, repo) -> tuple[int, str]:
    code = main(["report", "--format", "markdown", "--repo", str(repo.path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out


def test_markdown_report_matches_golden_file(capsys, git_repo):
    repo = make_repo(git_repo)
    assert main(["checklist", "check", "implemented", "rollout", "--note", "canary: 5% of shops first",
                 "--repo", str(repo.path)]) == 0
    state = repo.path / ".git" / "readiness" / "checklists.json"
    data = json.loads(state.read_text(encoding="utf-8"))
    data["branches"]["feature/refunds"]["implemented/rollout"]["at"] = "2024-01-02T03:04:05Z"  # a fixed date
    state.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    code, out = render(capsys, repo)
    assert code == 1  # the stub fails "No TODO throws"
    text = out.replace(f"readiness {readiness.__version__}", "readiness VERSION")
    if os.environ.get("READINESS_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
    assert render(capsys, repo)[1] == out  # deterministic


def test_markdown_report_is_a_github_task_list(capsys, git_repo):
    _, out = render(capsys, make_repo(git_repo))
    md = MarkdownIt("gfm-like").use(tasklists_plugin)
    tokens = md.parse(out)
    html = md.render(out)
    boxes = html.count('class="task-list-item-checkbox"')
    task_lines = [line for line in out.splitlines() if line.startswith(("- [ ] ", "- [x] "))]
    assert boxes == len(task_lines) > 0
    assert html.count('checked="checked"') == sum(1 for line in task_lines if line.startswith("- [x] "))
    assert "<h3>Ready for review — " in html and "<h3>Gate results</h3>" in html and "<table>" in html
    inline_html = {t.content for tok in tokens for t in (tok.children or []) if t.type == "html_inline"
                   and not t.content.startswith('<input class="task-list-item-checkbox"')}
    assert inline_html <= {"<sub>", "</sub>"}  # only the report's own footer
    assert "- **B1** · environment · 2024-01-02 · staging DB refuses connections from CI runners" in out
    assert "B2" not in out  # resolved blockers are not open
