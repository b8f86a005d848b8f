"""Before a test file is parsed for a negative or tamper test of a module, its text must name something of the
module outside the import statements (`may_call`): one of the module's definitions, a name imported from it or a
local bound to it. A file that does not cannot pass the structural check, so skipping its parse changes no verdict.
Checked here on hand-written cases (aliases, `from pkg import mod`, imports after `;` or `try:`) and, as a
property, on this repository's own test files against its own modules: wherever the check passes, `may_call`
said yes."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.core.scan._source import test_structure
from readiness.core.scan._source.imports import python_module_names
from readiness.core.scan._source.pyast import parse
from readiness.core.scan._source.test_structure import Subject, has_negative_test, may_call, subject_of

PAY = Subject(frozenset({"pay.api", "api"}), frozenset({"refund", "Ledger", "settle"}))


@pytest.mark.parametrize("text", [
    "from pay.api import refund\ndef test_a():\n    with raises(E):\n        refund(-1)\n",
    "from pay.api import refund as r\ndef test_a():\n    with raises(E):\n        r(-1)\n",
    "import pay.api as p\ndef test_a():\n    assert not p.valid(1)\n",
    "import pay.api\ndef test_a():\n    assert not pay.api.valid(1)\n",
    "from pay import api as a\ndef test_a():\n    assert not a.valid(1)\n",
    "x = 1; import pay.api as p\ndef test_a():\n    assert not p.valid(1)\n",
    "try: import pay.api as p\nexcept ImportError: p = None\ndef test_a():\n    assert not p.valid(1)\n",
    "def test_a(ledger):\n    assert not ledger.settle(1)\n",  # a method of the module's class, on an instance
    # statements the regular reading could get wrong (a review found each one skipped): parsed
    "from pay.api import refund; assert refund(-1) is None\n",
    "def test_a():\n    from pay.api import refund; assert not refund(-1)\n",
    "from os import path; import pay.api as p\ndef test_a():\n    assert not p.valid(1)\n",
    "from pay import api; assert not api.valid(1)\n",
    "import os, \\\n    pay.api as p\ndef test_a():\n    assert not p.valid(1)\n",
    "from pay.api import refund, \\\n    settle; assert not refund(1)\n",
    "import pay.api as\tp\ndef test_a():\n    assert not p.valid(1)\n",
    "import pay.api\tas p\ndef test_a():\n    assert not p.valid(1)\n",
    '"""Usage:\n    from somewhere import (\n"""\nimport pay.api as p\nassert not p.valid(1)\n',
    "import pay.api as p\rdef test_a():\r    assert not p.valid(1)\r",  # lone carriage returns end lines
    "def test_a():\n    assert not \uff52\uff45\uff46\uff55\uff4e\uff44(-1)\n",  # NFKC: the parser reads `refund`
    "import pay.api as \uff50\ndef test_a():\n    assert not p.valid(1)\n",
])
def test_a_test_that_can_call_the_module_is_parsed(text):
    facts = test_structure.test_facts(parse(text), text)
    assert has_negative_test(facts, PAY), text  # each case is a real negative test of the module...
    assert may_call(text, PAY)  # ...and is parsed


@pytest.mark.parametrize("text", [
    "from pay.api import refund\nfrom other import thing\ndef test_a():\n    with raises(E):\n        thing(-1)\n",
    "import pay.api as p\ndef test_a():\n    assert not other.valid(1)\n",
    "from pay.api import (\n    refund,\n)\ndef test_a():\n    assert not unrelated()\n",
    "def test_a():\n    assert not unrelated()\n",
])
def test_a_test_naming_the_module_only_in_its_imports_is_not_parsed(text):
    facts = test_structure.test_facts(parse(text), text)
    assert not has_negative_test(facts, PAY)
    assert not may_call(text, PAY)


def _python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def test_on_this_repository_every_negative_test_found_was_said_callable():
    root = Path(__file__).resolve().parents[2]
    modules = _python_files(root / "readiness" / "core" / "scan" / "_source")
    known = frozenset(p.relative_to(root).as_posix() for p in _python_files(root / "readiness"))
    subjects = []
    for path in modules:
        relative = path.relative_to(root).as_posix()
        subjects.append(subject_of(path.read_text("utf-8"), python_module_names(relative, known, ())))
    tests = _python_files(root / "tests" / "unit")
    checked = found = pruned = 0
    for test in tests:
        text = test.read_text("utf-8")
        if "_source" not in text:  # tests of other packages: nothing of these modules to find
            continue
        facts = test_structure.test_facts(parse(text), text)
        for subject in subjects:
            checked += 1
            callable_ = may_call(text, subject)
            if has_negative_test(facts, subject):
                found += 1
                assert callable_, (test.name, sorted(subject.modules))
            pruned += not callable_
    assert found and pruned and checked > found + pruned  # the property was tested on all three kinds of pairs


@pytest.mark.parametrize("size", [30, 20_000])
def test_a_long_name_in_an_odd_parenthesised_import_is_judged_at_once(size):
    """A review found the statement check backtracking exponentially on `from x import (<long name>!)` (a 30-letter
    name took minutes): items are now checked one by one, so this returns at once and says "parse it"."""
    text = f"from pay.api import ({'a' * size}!)\ndef test_a():\n    assert not refund(1)\n"
    assert may_call(text, PAY)
