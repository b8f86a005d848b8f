"""CONTRACT.md "README blocker log": the exact entry format, parsed back with markdown-it-py; and a README that went
through a dozen add/resolve cycles still has the same structure outside the Blockers section, byte for byte, while
the section renders as one task list."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from readiness.cli import main

pytestmark = pytest.mark.contract

CONTRACT_EXAMPLE = """\
## Blockers

- [ ] **B1** · build · 2026-11-26 · pytest collection fails on Python 3.13
  - Scope: ship the parser without the streaming mode
  - Follow-up: streaming mode for large inputs
  - Next: readiness/report.py
"""

RICH_README = """\
---
title: Demo
---
# Demo project

Intro with `code`, **bold** and a [link](https://example.com).

## Install

```sh
pip install demo
## Blockers (in a code block: not the section)
```

> ## Blockers
> quoted, not the section

- ## Blockers
- a list item, not the section

| col | other |
| --- | ----- |
| a   | b     |

<!--
## Blockers
-->

    ## Blockers (indented code)

## Blockers

Known problems, newest last.

## Troubleshooting

Run it again.
"""


@pytest.fixture
def repo(git_repo, monkeypatch):
    monkeypatch.setattr("readiness.commands.blocker.today", lambda: "2026-11-26")
    return git_repo


def cli(capsys, repo, *args: str) -> str:
    assert main(["blocker", *args, "--repo", str(repo.path)]) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def test_entry_format_is_exactly_the_contract(capsys, repo) -> None:
    repo.write("README.md", "# Project\n")
    out = cli(capsys, repo, "add", "--class", "build", "--summary", "pytest collection fails on Python 3.13",
              "--scope", "ship the parser without the streaming mode", "--follow-up",
              "streaming mode for large inputs", "--next", "readiness/report.py")
    assert out == "B1\n"
    assert (repo.path / "README.md").read_text(encoding="utf-8") == "# Project\n\n" + CONTRACT_EXAMPLE

    cli(capsys, repo, "resolve", "B1")
    resolved = CONTRACT_EXAMPLE.replace(
        "- [ ] **B1** · build · 2026-11-26 · pytest collection fails on Python 3.13",
        "- [x] **B1** · build · 2026-11-26 · pytest collection fails on Python 3.13 (resolved 2026-11-26)")
    assert (repo.path / "README.md").read_text(encoding="utf-8") == "# Project\n\n" + resolved


def test_contract_example_parses_as_heading_and_nested_task_list() -> None:
    tokens = MarkdownIt("commonmark").parse(CONTRACT_EXAMPLE)
    assert [t.type for t in tokens if t.level == 0] == [
        "heading_open", "heading_close", "bullet_list_open", "bullet_list_close"]
    inlines = [t.content for t in tokens if t.type == "inline"]
    assert inlines == ["Blockers", "[ ] **B1** · build · 2026-11-26 · pytest collection fails on Python 3.13",
                       "Scope: ship the parser without the streaming mode",
                       "Follow-up: streaming mode for large inputs", "Next: readiness/report.py"]
    html = MarkdownIt("commonmark").use(tasklists_plugin).render(CONTRACT_EXAMPLE)
    assert html.count('type="checkbox"') == 1 and "<strong>B1</strong>" in html


def _structure(text: str) -> list[tuple]:
    md = MarkdownIt("commonmark").use(front_matter_plugin)
    return [(t.type, t.tag, t.level, t.map, t.content) for t in md.parse(text)]


def test_a_dozen_add_resolve_cycles_change_nothing_else(capsys, repo) -> None:
    repo.write("README.md", RICH_README)
    repo.commit("readme")
    before_section, after_section = RICH_README.split("## Blockers\n\nKnown problems, newest last.\n")
    for n in range(1, 13):
        summary = f"cycle {n}: `odd` *text* <b>html</b> & [brackets]"
        assert cli(capsys, repo, "add", "--class", ("build", "logic", "integration", "environment")[n % 4],
                   "--summary", summary, "--scope", f"scope {n}") == f"B{n}\n"
        if n % 2 == 0:
            cli(capsys, repo, "resolve", f"B{n - 1}", "--note", f"fixed in cycle {n}")
    text = (repo.path / "README.md").read_text(encoding="utf-8")

    # everything outside the section is byte-for-byte the same
    head, rest = text.split("## Blockers\n\nKnown problems, newest last.\n", 1)
    section, tail = rest.split("\n## Troubleshooting\n", 1)
    assert head == before_section
    assert "\n## Troubleshooting\n" + tail == after_section[after_section.index("\n## Troubleshooting\n"):]
    assert _structure(head) == _structure(before_section)

    # the section renders as one task list of 12 entries, 6 of them ticked
    md = MarkdownIt("commonmark").use(front_matter_plugin).use(tasklists_plugin)
    tokens = md.parse(text)
    top = [(t.type, t.tag) for t in tokens if t.level == 0 and t.type.endswith("_open")]
    assert top.count(("heading_open", "h2")) == 3  # Install, Blockers, Troubleshooting: no new section
    html = md.render(section)
    assert html.count('type="checkbox"') == 12
    assert html.count('checked="checked"') == 6
    assert "<b>" not in html and "<em>" not in html  # user text stays text
    assert html.count("<code>") == 0 and html.count("Resolution: fixed in cycle") == 6

    out = cli(capsys, repo, "list", "--all", "--format", "json")
    data = json.loads(out)["blockers"]
    assert [b["id"] for b in data] == [f"B{n}" for n in range(1, 13)]
    assert data[0]["summary"] == "cycle 1: `odd` *text* <b>html</b> & [brackets]"
    assert [b["status"] for b in data] == ["resolved", "open"] * 6

    # and a full re-run of the same edits is refused or a no-op: nothing moves
    snapshot = (repo.path / "README.md").read_bytes()
    assert main(["blocker", "add", "--repo", str(repo.path), "--class", "build", "--summary",
                 "cycle 12: `odd` *text* <b>html</b> & [brackets]"]) == 2
    cli(capsys, repo, "resolve", "B11")
    capsys.readouterr()
    assert (repo.path / "README.md").read_bytes() == snapshot
