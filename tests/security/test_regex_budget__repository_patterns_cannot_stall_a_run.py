"""A hostile `secret_allowlist` cannot stall `readiness check`: patterns run on a time-bounded engine, a pattern
that runs out of its budget is reported (a finding on the configuration file) and allows nothing from then on, so
the secret it was hiding is still reported. Valid `re` syntax (lookarounds) keeps working."""

from __future__ import annotations

import json
import random

from readiness.cli import main
from readiness.core import safe_regex


def _report(capsys, repo) -> dict:
    code = main(["check", "--repo", str(repo.path), "--all", "--format", "json"])
    captured = capsys.readouterr()
    assert code in (0, 1), captured.err
    return json.loads(captured.out)


def _token(fake_secrets, seed: int) -> str:
    return fake_secrets["github-token"][0](random.Random(seed))


def test_the_issue_pattern_on_a_28_character_line_finishes_and_still_reports_the_secret(make_git_repo, fake_secrets,
                                                                                        capsys):
    repo = make_git_repo("redos-issue")
    repo.write("readiness.toml", 'secret_allowlist = ["(.*a){20}z"]\n')
    token = _token(fake_secrets, 11)
    repo.write("app.py", f'GH = "{token}"  # {"a" * 28}\n')
    report = _report(capsys, repo)
    rules = [f["rule"] for f in report["findings"]]
    assert "hardcoded-secret/github-token" in rules
    assert token not in json.dumps(report)


def test_a_catastrophic_pattern_is_stopped_reported_and_allows_nothing(make_git_repo, fake_secrets, capsys):
    repo = make_git_repo("redos-slow")
    repo.write("readiness.toml", 'secret_allowlist = ["(a|aa)+$"]\n')
    repo.write("app.py", "".join(f'GH{n} = "{_token(fake_secrets, 20 + n)}"  # {"a" * 60}b\n' for n in range(3)))
    report = _report(capsys, repo)
    by_rule: dict[str, list[dict]] = {}
    for finding in report["findings"]:
        by_rule.setdefault(finding["rule"], []).append(finding)
    assert len(by_rule["hardcoded-secret/github-token"]) == 3
    (slow,) = by_rule["hardcoded-secret/slow-allowlist-pattern"]
    assert slow["path"] == "readiness.toml" and slow["line"] is None
    assert "(a|aa)+$" in slow["message"] and "time budget" in slow["message"]


def test_a_fast_pattern_still_allows_and_lookarounds_still_compile(make_git_repo, fake_secrets, capsys):
    repo = make_git_repo("redos-fine")
    repo.write("readiness.toml", 'secret_allowlist = ["(?<=FIXTURE = \\")gh"]\n')
    repo.write("app.py", f'FIXTURE = "{_token(fake_secrets, 30)}"\nREAL = "{_token(fake_secrets, 31)}"\n')
    report = _report(capsys, repo)
    assert [(f["rule"], f["line"]) for f in report["findings"] if f["category"] == "hardcoded-secret"] == [
        ("hardcoded-secret/github-token", 2)]


def test_a_bounded_pattern_marks_itself_slow_once_and_then_matches_nothing():
    pattern = safe_regex.compile_bounded("(a|aa)+$", search_budget=0.05, total_budget=1.0)
    assert pattern.search("aaa") and not pattern.slow
    assert not pattern.search("a" * 80 + "b")
    assert pattern.slow
    assert not pattern.search("aaa")  # stopped for the rest of the run


def test_an_invalid_pattern_is_a_configuration_error_with_the_reason():
    assert safe_regex.check("(unclosed") is not None
    assert safe_regex.check("(?<=x)y") is None


def test_a_checklist_changed_text_that_backtracks_is_stopped_and_named_in_the_item():
    from readiness.core.checklists.engine import Inputs, evaluate
    from readiness.core.checklists.loader import parse_checklist
    from readiness.core.models import Status

    checklist = parse_checklist('schema_version = 1\nid = "c"\ntitle = "C"\n\n[[items]]\nid = "i"\ntitle = "I"\n'
                                'check = { changed = ["tests/*"] }\n\n[items.applies_when]\n'
                                'changed_text = "(b|bb)+$"\n', "c.toml")
    (result,) = evaluate([checklist], Inputs(paths=("a.py",), texts={"a.py": "b" * 80 + "c"}))
    assert result.items[0].status == Status.SKIP
    assert "time budget" in result.items[0].detail and "(b|bb)+$" in result.items[0].detail
