"""The explicit scanner registry: one module per rule family, each registered here by name."""

from __future__ import annotations

from readiness.core.scanners import todo_throw
from readiness.core.scanners.base import Rule, Scanner

SCANNERS: dict[str, Scanner] = {
    todo_throw.SCANNER.name: todo_throw.SCANNER,
}


def all_rules() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for scanner in SCANNERS.values():
        rules.update(scanner.rules)
    return rules
