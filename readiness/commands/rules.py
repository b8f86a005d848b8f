"""`readiness rules` and `readiness explain RULE`: the rule documentation at the prompt.

`rules` prints one rule per line: its id, category, default severity and title (text), or a JSON list. `explain`
prints a rule's What / Why / Example / Fix, the same text as the terminal UI's detail pane
(readiness.core.scan.rule_docs).

Deferred import: the scanners (~160 ms) load when the command runs, not when `readiness --help` builds the parser.
"""

from __future__ import annotations

import json
import sys
import textwrap

from readiness.core.exit_codes import OK

EXAMPLES = """examples:
  readiness rules
  readiness rules | grep secret
  readiness explain todo-throw/python-stub
  readiness explain python-stub      # a unique suffix of the id works too
"""


def rules(*, fmt: str = "text") -> int:
    """Every rule: `ID  CATEGORY  SEVERITY  title`, aligned, one per line."""
    from readiness.core.scan.rule_docs import known_rules  # deferred (see module doc)

    known = known_rules()
    if fmt == "json":
        json.dump([{"id": r.id, "category": r.category, "severity": str(r.severity), "title": r.title}
                   for r in known.values()], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return OK
    width = max(len(rid) for rid in known)
    cat = max(len(r.category) for r in known.values())
    for rule in known.values():
        print(f"{rule.id:<{width}}  {rule.category:<{cat}}  {str(rule.severity):<7}  {rule.title}")
    return OK


def explain(rule_id: str) -> int:
    """What / Why / Example / Fix of one rule."""
    from readiness.core.scan.rule_docs import find, sections  # deferred (see module doc)

    rule = find(rule_id)
    print(f"{rule.id} · {rule.title}")
    print(f"category {rule.category}, default severity {rule.severity}")
    for label, text in sections(rule):
        print()
        print(f"{label}:")
        if label == "Example":
            print(textwrap.indent(text, "    "))
        else:
            print(textwrap.fill(text, 100, initial_indent="  ", subsequent_indent="  "))
    return OK
