"""The markdown report never lets repository text open HTML, links, emphasis or table cells in a pull request."""

import io

from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from readiness.core.models import (
    ChecklistResult,
    Finding,
    GateResult,
    GateStatus,
    ItemResult,
    RepoInfo,
    Report,
    Severity,
    Status,
)
from readiness.render.markdown import code, escape, inline, render_markdown

EVIL_PATH = "pkg/<!-- hide -->|x|[a](http://evil.example)*.py"
EVIL_MESSAGE = "refund() <img src=x onerror=alert(1)> **bold** `unclosed & &amp; #1 ~~gone~~"


def _report(**changes) -> Report:
    finding = Finding(id="f1", rule="todo-throw/python-stub", category="todo-throw", severity=Severity.ERROR,
                      path=EVIL_PATH, line=3, message=EVIL_MESSAGE)
    items = (ItemResult("a", "No TODO throws", Status.FAIL, f"{EVIL_PATH}:3: {EVIL_MESSAGE}"),
             ItemResult("b", "Tests green <locally>", Status.PASS, "tests gate passed: `48 passed`"),
             ItemResult("c", "HMAC", Status.SKIP, "does not apply: applies only when changed code uses HMAC"))
    base = dict(tool_version="0.1.0", repo=RepoInfo("/r", "feat/`x`", "a" * 40, "main", "b" * 40, "diff"),
                findings=(finding,), checklists=(ChecklistResult("ready-for-review", "Ready for review", items),),
                gates=(GateResult("lint", GateStatus.FAIL, "ruff", 0.84, "2 errors | <script>"),), files_scanned=1)
    return Report(**{**base, **changes})


def _render(report, blockers=None) -> str:
    out = io.StringIO()
    render_markdown(report, out, blockers=blockers)
    return out.getvalue()


def _tokens(text):
    md = MarkdownIt("gfm-like").use(tasklists_plugin)
    flat = []
    for token in md.parse(text):
        flat.append(token)
        flat.extend(token.children or [])
    return md, flat


def test_repository_text_opens_no_html_link_or_emphasis():
    text = _render(_report(), blockers=[("B1", "build", "2024-01-02", "<!-- everything below hidden")])
    md, tokens = _tokens(text)
    html = {t.content for t in tokens if t.type in ("html_inline", "html_block")
            and not t.content.startswith('<input class="task-list-item-checkbox"')}
    assert html == {"<sub>", "</sub>"}
    assert not [t for t in tokens if t.type in ("image", "em_open")]
    assert len([t for t in tokens if t.type == "s_open"]) == 1  # the skipped item's title, not the message's ~~
    # a bare URL may be autolinked (GitHub does that everywhere, showing the URL itself); a `[text](url)` may not
    assert {t.markup for t in tokens if t.type == "link_open"} == {"linkify"}
    strong = [t for t in tokens if t.type == "strong_open"]
    assert len(strong) == 4  # the summary, two item titles and the blocker id: never the message's **bold**
    rendered = md.render(text)
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered and "&lt;!-- everything below hidden" in rendered


def test_tables_keep_their_columns_and_code_spans_survive():
    text = _render(_report())
    findings_row = next(line for line in text.splitlines() if line.startswith("| todo-throw |"))
    assert findings_row.count("|") - findings_row.count("\\|") == 7
    gate_row = next(line for line in text.splitlines() if line.startswith("| lint |"))
    assert gate_row == "| lint | ✘ fail | 0.8 s | 2 errors \\| \\<script\\> |"
    assert "- [x] **Tests green \\<locally\\>** — ✔ pass: tests gate passed: `48 passed`" in text
    assert "- ~~HMAC~~ — – does not apply: applies only when changed code uses HMAC" in text
    assert "``feat/`x` ``" in text.splitlines()[2] or "`` feat/`x` ``" in text.splitlines()[2]


def test_helpers():
    assert escape("  a\n b  ") == "a b"
    assert escape("<x>") == "\\<x\\>"
    assert inline("run `readiness check` now <b>") == "run `readiness check` now \\<b\\>"
    assert inline("odd ` tick") == "odd \\` tick"
    assert code("a`b") == "``a`b``"
    assert code("`x") == "`` `x ``"


def test_no_gates_no_findings_and_blockers_section_only_when_given():
    text = _render(_report(findings=(), gates=()))
    assert "No findings in scope." in text and "No gate ran for this report" in text
    assert "### Open blockers" not in text
    assert "No open blockers." in _render(_report(), blockers=[])
