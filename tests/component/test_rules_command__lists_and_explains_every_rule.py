"""`readiness rules` lists every rule, one per line; `readiness explain RULE` prints the TUI detail pane's text."""

import json

import pytest

from readiness.cli import main
from readiness.core.scan.rule_docs import known_rules, sections


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_rules_prints_every_rule_with_category_severity_and_title(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    lines = out.splitlines()
    rules = known_rules()
    assert len(lines) == len(rules) > 40
    for line, rule in zip(lines, rules.values(), strict=True):
        fields = line.split()
        assert fields[:3] == [rule.id, rule.category, str(rule.severity)]
        assert line.endswith(rule.title)
    assert {"todo-throw/python-stub", "waiver/missing-reason", "skipped-file/too-large"} <= {
        line.split()[0] for line in lines}


def test_rules_json_lists_the_same_rules(capsys):
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == list(known_rules())


@pytest.mark.parametrize("name", ["todo-throw/python-stub", "python-stub", "hardcoded-secret/github-token"])
def test_explain_prints_what_why_example_fix(capsys, name):
    code, out, _ = run(capsys, "explain", name)
    assert code == 0
    rule = known_rules()[name if "/" in name else f"todo-throw/{name}"]
    assert out.startswith(f"{rule.id} · {rule.title}\n")
    labels = [line[:-1] for line in out.splitlines() if line in ("What:", "Why:", "Example:", "Fix:")]
    assert labels == [label for label, _ in sections(rule)]
    flat = " ".join(out.split())
    for label, text in sections(rule):
        assert " ".join(text.split()) in flat, label


def test_the_tui_detail_pane_shows_the_same_sections():
    rule = known_rules()["todo-throw/python-stub"]
    assert sorted(sections(rule, example_last=True)) == sorted(sections(rule))
    assert [label for label, _ in sections(rule)] == ["What", "Why", "Example", "Fix"]


@pytest.mark.parametrize(("name", "says"), [("nope", "no rule 'nope'"), ("todo-throw", "rules: todo-throw/"),
                                            ("stub", "did you mean")])
def test_unknown_or_ambiguous_rule_is_one_line_exit_2(capsys, name, says):
    code, out, err = run(capsys, "explain", name)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and says in err
