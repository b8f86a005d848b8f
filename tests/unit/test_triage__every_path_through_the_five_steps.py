"""The triage state machine: every step in order, every branch inside a step (suggestion taken or overridden,
deferred items or not, entry confirmed or sent back, follow-up given or derived, next module chosen, automatic,
skipped or refused), going back from every step, and steps taken out of order."""

from __future__ import annotations

import itertools
import secrets
import string

import pytest
from markdown_it import MarkdownIt

from readiness.core.blockers import log as blockers
from readiness.core.errors import UsageError
from readiness.core.triage.flow import Context, Evidence, Item, Step, Triage, TriageError

IMPORTS = {"pkg/db.py": frozenset(), "pkg/api.py": frozenset({"pkg/db.py"}), "pkg/web.py": frozenset({"pkg/api.py"}),
           "pkg/cli.py": frozenset(), "pkg/report.py": frozenset()}
ITEMS = (Item("ready-for-review/tests-green", "Tests green locally", "checklist", "gate tests failed"),
         Item("pkg/db.py", "pkg/db.py", "module"), Item("pkg/cli.py", "pkg/cli.py", "module"))
CONTEXT = Context(evidence=(Evidence("gate tests", "ModuleNotFoundError: No module named 'psycopg'", gate="tests"),),
                  items=ITEMS, candidates=("pkg/api.py", "pkg/cli.py", "pkg/db.py", "pkg/web.py", "pkg/report.py"),
                  imports=IMPORTS, branch="feature/sync", head="0123456789abcdef0123")


def walk(klass, deferred, follow_up, next_module, context=CONTEXT) -> Triage:
    t = Triage.start(context)
    assert t.step is Step.CLASSIFY
    t = t.classify(klass, "CI cannot import psycopg")
    assert t.step is Step.SCOPE
    t = t.reduce_scope(deferred)
    assert t.step is Step.LOG
    t = t.log(True)
    assert t.step is Step.FOLLOW_UP
    t = t.plan_follow_up(follow_up)
    assert t.step is Step.CONTINUE
    t = t.choose_next(next_module)
    assert t.step is Step.DONE
    return t


@pytest.mark.parametrize(("klass", "deferred", "follow_up", "next_module"), list(itertools.product(
    [None, "auto", "integration"],
    [(), ("pkg/db.py",), ("ready-for-review/tests-green", "streaming mode")],
    [None, "db sync against staging"],
    [None, "auto", "pkg/report.py"],
)))
def test_every_combination_of_answers_reaches_done(klass, deferred, follow_up, next_module) -> None:
    t = walk(klass, deferred, follow_up, next_module)
    assert t.klass == ("integration" if klass == "integration" else "environment")
    assert t.deferred == deferred
    if deferred:
        phrases = {"pkg/db.py": "pkg/db.py", "ready-for-review/tests-green": "tests green locally",
                   "streaming mode": "streaming mode"}
        wanted = {"pkg/db.py": "finish pkg/db.py", "ready-for-review/tests-green": 'make "tests green locally" pass',
                  "streaming mode": "streaming mode"}
        assert t.scope == "ship without: " + ", ".join(phrases[d] for d in deferred) + " (deferred)"
        assert t.follow_up == (follow_up or "; ".join(wanted[d] for d in deferred))
    else:
        assert t.scope is None
        assert t.follow_up == follow_up
    options = [o.module for o in t.next_options()]
    if deferred == ("pkg/db.py",):
        assert options == ["pkg/cli.py", "pkg/report.py"]  # api and web import db, directly or not
    else:
        assert options == list(CONTEXT.candidates)
    assert t.next_module == {None: None, "auto": options[0], "pkg/report.py": "pkg/report.py"}[next_module]
    new = t.new_blocker()
    assert (new.klass, new.summary, new.scope, new.follow_up, new.next) == (
        t.klass, "CI cannot import psycopg", t.scope, t.follow_up, t.next_module)
    ticket = t.ticket("B4", "2026-11-26")
    assert ticket.title == f"Follow-up to B4: {t.follow_up or 'CI cannot import psycopg'}"
    assert "`readiness blocker resolve B4`" in ticket.body


def test_suggestion_is_the_default_and_can_be_overridden() -> None:
    t = Triage.start(CONTEXT)
    assert t.suggestion.klass == "environment"
    assert "ModuleNotFoundError" in t.suggestion.reason
    assert t.classify("logic", "x").klass == "logic"


def test_without_evidence_a_class_must_be_chosen() -> None:
    t = Triage.start(Context())
    assert t.suggestion is None
    with pytest.raises(TriageError, match="no evidence"):
        t.classify("auto", "x")
    with pytest.raises(TriageError, match="no evidence"):
        t.classify(None, "x")
    assert t.classify("build", "x").klass == "build"


@pytest.mark.parametrize(("klass", "summary", "match"), [
    ("flaky", "x", "unknown blocker class"),
    ("build", "", "needs a summary"),
    ("build", " \n\t", "needs a summary"),
    ("build", None, "needs a summary"),
])
def test_bad_classification_is_refused_and_the_step_stays(klass, summary, match) -> None:
    t = Triage.start(CONTEXT)
    with pytest.raises(TriageError, match=match):
        t.classify(klass, summary)
    assert t.step is Step.CLASSIFY


def test_answers_with_secrets_are_refused_at_every_step() -> None:
    token = "gh" + "p_" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(36))
    t = Triage.start(CONTEXT)
    with pytest.raises(UsageError) as info:
        t.classify("build", f"push fails with {token}")
    assert token not in str(info.value)
    t = t.classify("build", "push fails")
    with pytest.raises(UsageError):
        t.reduce_scope(scope=f"use {token}")
    t = t.reduce_scope().log()
    with pytest.raises(UsageError):
        t.plan_follow_up(criteria=[f"rotate {token}"])


def test_declining_the_entry_goes_back_to_classify_with_answers_kept() -> None:
    t = Triage.start(CONTEXT).classify("logic", "first try", "d").reduce_scope(["pkg/db.py"], "small")
    back = t.log(False)
    assert back.step is Step.CLASSIFY
    assert (back.klass, back.summary, back.details, back.scope) == ("logic", "first try", "d", "small")
    again = back.classify("build", "second try").reduce_scope(back.deferred, back.scope).log(True)
    assert again.step is Step.FOLLOW_UP and again.summary == "second try"


def test_back_from_every_step_keeps_the_answers() -> None:
    t = walk("build", ("pkg/db.py",), "f", "auto")
    seen = []
    while True:
        seen.append(t.step)
        if t.step is Step.CLASSIFY:
            break
        t = t.back()
    assert seen == [Step.DONE, Step.CONTINUE, Step.FOLLOW_UP, Step.LOG, Step.SCOPE, Step.CLASSIFY]
    assert t.back().step is Step.CLASSIFY
    assert (t.klass, t.deferred, t.follow_up, t.next_module) == ("build", ("pkg/db.py",), "f", "pkg/cli.py")


@pytest.mark.parametrize("call", [
    lambda t: t.reduce_scope(),
    lambda t: t.log(),
    lambda t: t.plan_follow_up("x"),
    lambda t: t.choose_next(None),
])
def test_steps_out_of_order_are_refused(call) -> None:
    with pytest.raises(TriageError, match="step 1"):
        call(Triage.start(CONTEXT))


def test_classify_twice_is_refused() -> None:
    t = Triage.start(CONTEXT).classify("build", "x")
    with pytest.raises(TriageError, match="step 2"):
        t.classify("build", "x")


def test_choosing_a_module_that_depends_on_the_blocked_one_is_refused() -> None:
    t = Triage.start(CONTEXT).classify("build", "x").reduce_scope(["pkg/db.py"]).log().plan_follow_up()
    with pytest.raises(TriageError, match="imports a blocked module"):
        t.choose_next("pkg/web.py")
    with pytest.raises(TriageError, match="is the blocked module"):
        t.choose_next("pkg/db.py")
    assert t.choose_next("pkg/planned_later.py").next_module == "pkg/planned_later.py"  # not in the graph: allowed


def test_auto_next_without_options_is_none() -> None:
    context = Context(candidates=("pkg/api.py",), imports=IMPORTS, blocked=("pkg/db.py",))
    t = Triage.start(context).classify("build", "x").reduce_scope().log().plan_follow_up()
    assert t.next_options() == ()
    assert t.choose_next("auto").next_module is None


def test_blocked_modules_combine_deferred_modules_and_the_context() -> None:
    context = Context(items=ITEMS, blocked=("pkg/report.py",))
    t = Triage.start(context).classify("build", "x").reduce_scope(["pkg/db.py", "ready-for-review/tests-green"])
    assert t.blocked_modules() == ("pkg/db.py", "pkg/report.py")


def test_preview_is_the_contract_entry_and_shows_unknown_id_as_b_question() -> None:
    t = Triage.start(CONTEXT).classify("auto", "CI cannot import psycopg").reduce_scope(["pkg/db.py"])
    assert t.preview(None, "2026-11-26").splitlines() == [
        "- [ ] **B?** · environment · 2026-11-26 · CI cannot import psycopg",
        "  - Scope: ship without: pkg/db.py (deferred)"]
    assert t.preview(5, "2026-11-26").startswith("- [ ] **B5** ·")


def test_final_entry_has_follow_up_and_next_and_parses_back() -> None:
    t = walk("auto", ("pkg/db.py",), "db sync", "auto")
    text, entry = blockers.add_entry(blockers.parse("# T\n"), t.new_blocker(), today="2026-11-26")
    assert (entry.scope, entry.follow_up, entry.next) == ("ship without: pkg/db.py (deferred)", "db sync",
                                                          "pkg/cli.py")


def test_ticket_is_markdown_with_title_context_deferred_and_criteria() -> None:
    t = Triage.start(CONTEXT).classify("auto", "CI cannot import psycopg", "only on 3.13")
    t = t.reduce_scope(["pkg/db.py", "ready-for-review/tests-green", "bulk `export`"]).log()
    t = t.plan_follow_up("db sync", ["sync runs against staging", "docs updated"]).choose_next("auto")
    ticket = t.ticket("B4", "2026-11-26")
    assert ticket.filename == "B4-db-sync.md"
    tokens = MarkdownIt("commonmark").parse(ticket.markdown)
    headings = [tokens[i + 1].content for i, tok in enumerate(tokens) if tok.type == "heading_open"]
    assert headings == ["Follow-up to B4: db sync", "Context", "Deferred", "Acceptance criteria"]
    body = ticket.body
    assert "only on 3.13" in body
    assert "branch `feature/sync` at `0123456789ab`" in body
    assert "- Evidence: `gate tests failed: ModuleNotFoundError: No module named 'psycopg'`" in body
    assert "- module `pkg/db.py`" in body
    assert "- checklist item: Tests green locally (`ready-for-review/tests-green`) — gate tests failed" in body
    assert "- bulk \\`export\\`" in body
    assert "- [ ] sync runs against staging\n- [ ] docs updated\n" in body
    assert "- [ ] every deferred item above is done, or dropped on purpose" in body
    assert "- Work continued on: `pkg/cli.py`" in body


def test_ticket_without_deferrals_says_so_and_has_a_default_criterion() -> None:
    t = walk("build", (), None, None, Context())
    ticket = t.ticket("B1", "2026-11-26")
    assert "Nothing was deferred explicitly." in ticket.body
    assert "- [ ] the blocker is fixed: CI cannot import psycopg\n- [ ] the change works end to end, with tests\n" \
        in ticket.body
    assert "works end to end, with tests" not in ticket.title
    assert ticket.filename == "B1-ci-cannot-import-psycopg.md"
    assert "Found on" not in ticket.body and "Evidence" not in ticket.body
