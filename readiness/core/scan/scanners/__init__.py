"""The explicit scanner registry: one module per rule family, each registered here by name."""

from __future__ import annotations

from readiness.core.scan.base import Rule, Scanner
from readiness.core.scan.scanners import (
    conflict_marker,
    hardcoded_secret,
    missing_docs,
    missing_tests,
    observability,
    printed_secret,
    silent_failure,
    todo_throw,
)

SCANNERS: dict[str, Scanner] = {
    todo_throw.SCANNER.name: todo_throw.SCANNER,
    printed_secret.SCANNER.name: printed_secret.SCANNER,
    hardcoded_secret.SCANNER.name: hardcoded_secret.SCANNER,
    missing_tests.SCANNER.name: missing_tests.SCANNER,
    missing_docs.SCANNER.name: missing_docs.SCANNER,
    silent_failure.SCANNER.name: silent_failure.SCANNER,
    observability.SCANNER.name: observability.SCANNER,
    conflict_marker.SCANNER.name: conflict_marker.SCANNER,
}


def all_rules() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for scanner in SCANNERS.values():
        rules.update(scanner.rules)
    return rules
