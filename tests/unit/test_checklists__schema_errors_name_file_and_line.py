"""Checklist TOML schema: every malformed shape is one ConfigError naming the file and the line."""

import pytest

from readiness.core.checklists.loader import BUILTIN_ORDER, builtin_checklists, load_checklists, parse_checklist
from readiness.core.errors import ConfigError
from readiness.core.models import Status

GOOD = """schema_version = 1
id = "team"
title = "Team rules"

[[items]]
id = "no-stubs"
title = "No stubs"
why = "Stubs ship broken paths."
check = { findings = ["todo-throw"] }

[[items]]
id = "changelog"
title = "Changelog updated"
check = { manual = "confirm: the changelog says what changed" }
"""


def _error(text: str, **kwargs) -> str:
    with pytest.raises(ConfigError) as info:
        parse_checklist(text, "checklists/team.toml", **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_a_valid_checklist_parses():
    checklist = parse_checklist(GOOD, "checklists/team.toml")
    assert checklist.id == "team"
    assert [i.id for i in checklist.items] == ["no-stubs", "changelog"]
    assert checklist.items[0].check.kind == "findings"
    assert checklist.items[0].check.refs == ("todo-throw",)
    assert checklist.items[1].check.manual_part() is checklist.items[1].check


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # unknown keys, at every level, with the line they are on
        (GOOD.replace('title = "Team rules"', 'title = "Team rules"\ncolour = "red"'),
         "team.toml:4: unknown key 'colour' in the checklist"),
        (GOOD.replace('why = "Stubs ship broken paths."', 'whyy = "Stubs ship broken paths."'),
         "team.toml:8: unknown key 'whyy' in item 'no-stubs'"),
        (GOOD.replace('{ findings = ["todo-throw"] }', '{ findings = ["todo-throw"], sevrity = "error" }'),
         "team.toml:9: unknown key 'sevrity' in check"),
        (GOOD.replace('{ findings = ["todo-throw"] }', '{ findings = ["todo-throw"], on_skip = "warn" }'),
         "team.toml:9: on_skip does not apply to a findings check"),
        (GOOD.replace('title = "No stubs"', 'title = "No stubs"\napplies_when = { changd = ["*.py"] }'),
         "team.toml:8: unknown key 'changd' in applies_when"),
        # wrong types
        (GOOD.replace('title = "No stubs"', "title = 3"), "team.toml:7: item 'no-stubs': title must be a string, got int"),
        (GOOD.replace("schema_version = 1", 'schema_version = "1"'), "team.toml:1: the checklist: schema_version must be"),
        (GOOD.replace('{ findings = ["todo-throw"] }', '{ findings = "todo-throw" }'),
         "team.toml:9: check: findings must be an array of strings, got str"),
        (GOOD.replace('{ findings = ["todo-throw"] }', '{ findings = ["todo-throw"], severity = "fatal" }'),
         "severity must be one of info, warning, error"),
        (GOOD.replace('{ findings = ["todo-throw"] }', '{ gate = 3 }'), "check: gate must be a string, got int"),
        (GOOD.replace('{ findings = ["todo-throw"] }', "{ all = [] }"), "all must be a non-empty array of check tables"),
        # duplicates, unknown gates and categories
        (GOOD.replace('id = "changelog"', 'id = "no-stubs"'), "team.toml:12: duplicate item id 'no-stubs'"),
        (GOOD.replace('{ findings = ["todo-throw"] }', '{ gate = "tset" }'), "team.toml:9: unknown gate 'tset' (known: "),
        (GOOD.replace('{ findings = ["todo-throw"] }', '{ findings = ["todo-throws"] }'),
         "team.toml:9: unknown category 'todo-throws' in findings"),
        (GOOD.replace('{ findings = ["todo-throw"] }', '{ findings = ["todo-throw"], exclude = ["secrets/x"] }'),
         "unknown category 'secrets' in exclude"),
        (GOOD.replace('{ findings = ["todo-throw"] }', '{ any = [{ gate = "lint" }, { gate = "nope" }] }'),
         "unknown gate 'nope'"),
        # structure
        (GOOD.replace('{ findings = ["todo-throw"] }', '{ findings = ["todo-throw"], gate = "lint" }'),
         "check needs exactly one of findings, gate, manual, changed, signal, all, any (found findings and gate)"),
        (GOOD.replace('{ findings = ["todo-throw"] }', '{ severity = "error" }'), "(found none)"),
        (GOOD.replace('check = { findings = ["todo-throw"] }\n', ""), "item 'no-stubs' is missing required key 'check'"),
        (GOOD.replace('id = "team"\n', ""), "missing required key 'id'"),
        (GOOD.replace("schema_version = 1", "schema_version = 2"), "team.toml:1: schema_version 2 is not supported"),
        (GOOD.replace('id = "team"', 'id = "Team Rules"'), "id 'Team Rules' must be lower-case"),
        (GOOD.replace('title = "No stubs"', 'title = "No stubs"\napplies_when = { changed_text = "(unclosed" }'),
         "changed_text is not a valid regular expression"),
        (GOOD.replace('title = "No stubs"', 'title = "No stubs"\napplies_when = { changed = ["src/[z-a]"] }'),
         "changed has an invalid pattern 'src/[z-a]' (bad character range z-a)"),
        (GOOD.replace('{ findings = ["todo-throw"] }', '{ changed = ["[z-a]"] }'), "changed has an invalid pattern"),
        (GOOD.replace('{ findings = ["todo-throw"] }', '{ findings = ["todo-throw"], paths = ["[b-a]"] }'),
         "paths has an invalid pattern"),
        (GOOD.replace('title = "No stubs"', 'title = "No stubs"\napplies_when = { description = "x" }'),
         "applies_when needs changed, changed_words, changed_text, findings or signals"),
        ("schema_version = 1\nid = \n", "team.toml: invalid TOML"),
    ],
)
def test_malformed_checklist_is_one_clear_error(text, expected):
    assert expected in _error(text)


def test_a_configured_gate_is_known_when_passed_in():
    text = GOOD.replace('{ findings = ["todo-throw"] }', '{ gate = "e2e" }')
    assert "unknown gate 'e2e'" in _error(text)
    checklist = parse_checklist(text, "team.toml", gates={"e2e", "tests"})
    assert checklist.items[0].check.gate == "e2e"


def test_builtins_load_in_the_methodology_order_and_are_complete():
    checklists = builtin_checklists()
    assert tuple(c.id for c in checklists) == BUILTIN_ORDER
    for checklist in checklists:
        assert checklist.description and checklist.origin == "built-in"
        for item in checklist.items:
            assert item.why and item.how and item.source, f"{checklist.id}/{item.id} lacks why/how/source"
    gates = next(c for c in checklists if c.id == "quality-gates")
    assert {i.check.gate for i in gates.items} == {"build", "tests", "lint", "coverage", "security", "smoke",
                                                  "performance", "docs"}
    assert gates.item("performance").check.on_skip == Status.WARN


def test_repository_checklists_override_builtins_by_id_and_add_new_ones(tmp_path):
    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "mine.toml").write_text(GOOD.replace('id = "team"', 'id = "merge"'), encoding="utf-8")
    (folder / "team.toml").write_text(GOOD, encoding="utf-8")
    (folder / "notes.txt").write_text("not a checklist", encoding="utf-8")
    checklists = load_checklists(tmp_path)
    assert [c.id for c in checklists] == [*BUILTIN_ORDER, "team"]
    merge = checklists[1]
    assert merge.overrides and merge.origin == "checklists/mine.toml"
    assert [i.id for i in merge.items] == ["no-stubs", "changelog"]
    assert checklists[-1].origin == "checklists/team.toml" and not checklists[-1].overrides


def test_two_repository_files_with_one_id_are_an_error(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "a.toml").write_text(GOOD, encoding="utf-8")
    (folder / "b.toml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"rules/b.toml: duplicate checklist id 'team' \(also in rules/a.toml\)"):
        load_checklists(tmp_path, "rules")


def test_an_invalid_repository_checklist_names_its_path(tmp_path):
    (tmp_path / "checklists").mkdir()
    (tmp_path / "checklists" / "bad.toml").write_text(GOOD.replace('"todo-throw"', '"todo"'), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^checklists/bad.toml:9: unknown category 'todo'"):
        load_checklists(tmp_path)
