"""Every check kind in the built-in checklists (readiness/checklists/*.toml) parses to an ItemKind, and the engine
reports it on the item's result."""

import tomllib
from importlib.resources import files

from readiness.core.checklists.engine import Inputs, evaluate
from readiness.core.checklists.loader import builtin_checklists
from readiness.core.checklists.model import Check
from readiness.core.models import ItemKind

MODIFIERS = {"severity", "exclude", "paths", "on_findings", "label", "on_skip", "when"}


def _raw_kinds(check: dict) -> list[str]:
    """The kind keys of a check table as written in the TOML (walking all/any)."""
    kinds = [key for key in check if key not in MODIFIERS]
    nested = [k for key in kinds if isinstance(check[key], list) and check[key] and isinstance(check[key][0], dict)
              for child in check[key] for k in _raw_kinds(child)]
    return kinds + nested


def _parsed_kinds(check: Check) -> list[ItemKind]:
    return [check.kind, *(k for child in check.children for k in _parsed_kinds(child))]


def test_every_kind_written_in_a_builtin_checklist_is_an_item_kind():
    tomls = [f for f in (files("readiness") / "checklists").iterdir() if f.name.endswith(".toml")]
    assert tomls
    written = {kind for f in tomls for item in tomllib.loads(f.read_text("utf-8"))["items"]
               for kind in _raw_kinds(item["check"])}
    assert written
    for kind in written:
        assert ItemKind(kind) == kind


def test_builtin_checks_parse_to_item_kinds_and_results_carry_them():
    checklists = builtin_checklists()
    parsed = [k for c in checklists for item in c.items for k in _parsed_kinds(item.check)]
    assert parsed and all(isinstance(k, ItemKind) for k in parsed)
    results = evaluate(checklists, Inputs())
    for checklist, result in zip(checklists, results, strict=True):
        for item, item_result in zip(checklist.items, result.items, strict=True):
            assert item_result.kind is item.check.kind
