"""The test facts (imports, calls under a failure assertion) read from the parts of the tree around the words that
can make them (`import`, `assert`, `raises`, `Warns`) equal those of a walk of the whole tree: decorators above a
`def`, multi-line statements, CRLF and lone CR line ends, form feeds, non-ASCII text before a word on its line."""

from __future__ import annotations

import pytest

from readiness.core.scan._source import test_structure
from readiness.core.scan._source.pyast import parse

CASES = {
    "decorators": "import pytest\nfrom pay import refund\n\n@pytest.mark.parametrize('x', [1])\n"
                  "@raises(ValueError)\ndef test_a(x):\n    with pytest.raises(ValueError):\n        refund(-1)\n"
                  "@skipif(\n    assert_false(refund.flag()))\nclass Helper:\n    def run(self):\n        return 1\n",
    "unittest": "import unittest\nfrom pay.core import charge as c\n\nclass T(unittest.TestCase):\n"
                "    def test_b(self):\n        self.assertRaises(KeyError, c.run, 1)\n"
                "        self.assertFalse(c.ok(2))\n        self.assertEqual(c.status(3), 404)\n"
                "        self.assertIsNone(\n            c.find(4)\n        )\n"
                "        with self.assertWarns(UserWarning): c.warn()\n",
    "asserts": "from pay import api\ndef test_c():\n    assert api.ok(1) == 1\n    assert not api.valid(2)\n"
               "    assert api.get(3) is None\n    assert (\n        api.check(4)\n        == False\n    )\n",
    "line_ends": "import os\r\nfrom pay import api\r\ndef test_d():\r\n    assert not api.a(1)\r\n"
                 "    x = 1\rdef test_e():\r    with raises(E):\r        api.b(2)\r\x0c\ndef test_f():\n"
                 "    assert api.c(3) is False\n",
    "non_ascii": "from pay import api\ndef test_g():\n    s = 'ééé'; assert not api.v(s)\n"
                 "    t = '日本'; x = [api.w(1)]; assert_raises(E, api.z, 2)\n",
    "continued": "from pay.api import (\n    a,\n    b as c,\n)\nfrom pay \\\n    import d\n"
                 "def test_h():\n    x = lambda: a(1)\n    raises(E, lambda: c(\n        2))\n"
                 "    if True:\n        import pay.inner as inner\n        assert not inner.f()\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_marked_parts_give_the_facts_of_the_whole_tree(name):
    text = CASES[name]
    tree = parse(text)
    assert tree is not None
    whole, near = test_structure.TestFacts(tree), test_structure.TestFacts(tree, text)
    assert (near.imports, near.rejected) == (whole.imports, whole.rejected)
    assert whole.imports and whole.rejected  # every case has both, so the comparison means something


def test_the_facts_found_are_the_expected_ones():
    decorated = CASES["decorators"]
    assert "refund.flag" in test_structure.TestFacts(parse(decorated), decorated).rejected  # above `class`
    text = CASES["unittest"]
    facts = test_structure.TestFacts(parse(text), text)
    assert facts.rejected == {"c.run", "c.ok", "c.status", "c.find", "c.warn"}
    assert ("pay.core", "charge", "c") in facts.imports
