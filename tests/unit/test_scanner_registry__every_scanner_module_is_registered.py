"""Every scanner module is in the explicit registry, and every rule id is namespaced by its category."""

import importlib
import pkgutil
import re

import readiness.core.scan.scanners as package
from readiness.core.scan.scanners import SCANNERS, all_rules


def test_every_public_module_is_registered():
    modules = [m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_") and m.name != "base"]
    for name in modules:
        module = importlib.import_module(f"readiness.core.scan.scanners.{name}")
        assert getattr(module, "SCANNER", None) in SCANNERS.values(), f"{name} is not registered"
    assert len(modules) == len(SCANNERS)


def test_rule_ids_are_namespaced_and_documented():
    for rule_id, rule in all_rules().items():
        assert re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+", rule_id), rule_id
        assert rule_id.startswith(rule.category + "/"), rule_id
        assert rule.what and rule.why and rule.fix, f"{rule_id} lacks What/Why/Fix text"
