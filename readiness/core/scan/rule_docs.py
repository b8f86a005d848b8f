"""The documentation of every rule, in one place for every front end: `readiness rules`, `readiness explain RULE`,
the TUI's detail pane and SARIF's rule table all read it from here."""

from __future__ import annotations

from readiness.core.errors import UsageError
from readiness.core.scan.base import Rule
from readiness.core.scan.engine import EXTRA_RULES
from readiness.core.scan.scanners import all_rules


def known_rules() -> dict[str, Rule]:
    """Every rule the scanners and the pipeline know, by id, sorted by id."""
    rules = {**all_rules(), **EXTRA_RULES}
    return dict(sorted(rules.items()))


def sections(rule: Rule, *, example_last: bool = False) -> list[tuple[str, str]]:
    """What / Why / Example / Fix (Example only when the rule has one): the text every front end shows.
    `example_last`: the Fix before the Example, for a pane too short to show it all (the TUI's detail pane)."""
    out = [("What", rule.what), ("Why", rule.why)]
    example = [("Example", rule.example)] if rule.example else []
    return [*out, ("Fix", rule.fix), *example] if example_last else [*out, *example, ("Fix", rule.fix)]


def find(name: str) -> Rule:
    """The rule with this id; a unique id suffix (`python-stub`) works too. Otherwise one clear UsageError."""
    rules = known_rules()
    wanted = name.strip().lower()
    if wanted in rules:
        return rules[wanted]
    matches = [r for rid, r in rules.items() if rid.split("/", 1)[-1] == wanted]
    if len(matches) == 1:
        return matches[0]
    in_category = [rid for rid, r in rules.items() if r.category == wanted]
    if matches or in_category:
        candidates = [r.id for r in matches] or in_category
        raise UsageError(f"{name!r} names {len(candidates)} rules: {', '.join(candidates[:8])}"
                         f"{' …' if len(candidates) > 8 else ''}; explain one of them")
    close = [rid for rid in rules if wanted and wanted in rid][:5]
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise UsageError(f"no rule {name!r}{hint}: `readiness rules` lists every rule")
