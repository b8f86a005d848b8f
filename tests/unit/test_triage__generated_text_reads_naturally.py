"""What triage writes reads as sentences: the scope says what ships without what, the follow-up says what to do
with each deferred item, the acceptance criteria follow from it; and step 5 never offers a file that holds
deferred work (the files of a deferred checklist item's findings)."""

from __future__ import annotations

import pytest

from readiness.core.triage.flow import Context, Item, Triage, TriageError

TODO = Item("ready-for-review/no-todo-throws", "No TODO throws", "checklist",
            "2 TODO throws in shop/cart.py:13, shop/payments.py:9")
README = Item("ready-for-review/docs-usage-recovery", "README explains recovery", "checklist", "no section")
CONTEXT = Context(items=(TODO, README, Item("shop/auth.py", "shop/auth.py", "module")),
                  candidates=("shop/auth.py", "shop/cart.py", "shop/cli.py", "shop/payments.py",
                              "shop/cart_extra.py"),
                  imports={"shop/cli.py": frozenset({"shop/cart.py"}), "shop/cart.py": frozenset(),
                           "shop/auth.py": frozenset(), "shop/payments.py": frozenset(),
                           "shop/cart_extra.py": frozenset()})


def to_follow_up(deferred, context=CONTEXT) -> Triage:
    return Triage.start(context).classify("logic", "refund semantics undecided").reduce_scope(deferred).log()


def test_scope_and_follow_up_of_a_deferred_checklist_item() -> None:
    t = to_follow_up([TODO.key]).plan_follow_up()
    assert t.scope == "ship without: no TODO throws (deferred)"
    assert t.follow_up == 'make "no TODO throws" pass'
    ticket = t.ticket("B6", "2026-11-26")
    assert ticket.title == 'Follow-up to B6: make "no TODO throws" pass'
    assert '- [ ] the checklist item "no TODO throws" passes\n' in ticket.body
    assert "- Scope shipped: ship without: no TODO throws (deferred)" in ticket.body
    assert "every deferred item above" not in ticket.body  # each one has its own criterion


def test_several_deferred_items_of_each_kind() -> None:
    t = to_follow_up([TODO.key, "shop/auth.py", "partial refunds"]).plan_follow_up()
    assert t.scope == "ship without: no TODO throws, shop/auth.py, partial refunds (deferred)"
    assert t.follow_up == 'make "no TODO throws" pass; finish shop/auth.py; partial refunds'
    body = t.ticket("B7", "2026-11-26").body
    assert ('- [ ] the checklist item "no TODO throws" passes\n- [ ] shop/auth.py is finished, with tests\n'
            "- [ ] partial refunds is done\n") in body


def test_an_acronym_keeps_its_capitals() -> None:
    assert to_follow_up([README.key]).scope == "ship without: README explains recovery (deferred)"


def test_a_typed_follow_up_gets_the_end_to_end_criterion() -> None:
    t = to_follow_up([TODO.key]).plan_follow_up("streaming mode")
    body = t.ticket("B8", "2026-11-26").body
    assert "- [ ] streaming mode works end to end, with tests\n" in body
    assert "- [ ] every deferred item above is done, or dropped on purpose" in body


def test_nothing_deferred_and_no_follow_up_names_the_blocker_not_a_feature() -> None:
    t = to_follow_up([]).plan_follow_up()
    body = t.ticket("B4", "2026-11-26").body
    assert "- [ ] the blocker is fixed: refund semantics undecided\n" in body
    assert "refund semantics undecided works end to end" not in body


def test_files_holding_deferred_work_are_not_offered_next() -> None:
    t = to_follow_up([TODO.key]).plan_follow_up()
    assert t.held_modules() == ("shop/cart.py", "shop/payments.py")  # cart_extra.py is not mentioned
    assert [o.module for o in t.next_options()] == ["shop/auth.py", "shop/cli.py", "shop/cart_extra.py"]
    with pytest.raises(TriageError, match="holds deferred work"):
        t.choose_next("shop/payments.py")
    assert t.choose_next("auto").next_module == "shop/auth.py"


def test_the_findings_files_of_an_item_count_when_known() -> None:
    item = Item("ready-for-review/no-todo-throws", "No TODO throws", "checklist", "1 TODO throw",
                paths=("shop/cli.py",))
    context = Context(items=(item,), candidates=CONTEXT.candidates, imports=CONTEXT.imports)
    t = to_follow_up([item.key], context).plan_follow_up()
    assert t.held_modules() == ("shop/cli.py",)
    assert "shop/cli.py" not in [o.module for o in t.next_options()]
