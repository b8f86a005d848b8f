"""Step 5 in an ordinary package (issue 12, Found 8 and item 9): `pkg/__init__.py` imports every module and every
module runs it; edges that exist only through those re-exports do not make modules dependent, `from pkg import name`
counts as an edge to the module the name comes from, and when nothing qualifies the reason names the import chain."""

from __future__ import annotations

from readiness.core.triage.next_module import dependents, import_graph, next_options, why_nothing_qualifies

PACKAGE = {
    "shop/__init__.py": "from .budget import retry_budget\nfrom .refunds import refund\nfrom . import ledger\n"
                        "from .orders import *\n",
    "shop/budget.py": "import time\n",
    "shop/refunds.py": "from shop.ledger import record\n",
    "shop/ledger.py": "import json\n",
    "shop/orders.py": "from shop import retry_budget\n",  # through the re-export: really budget.py
    "shop/report.py": "import shop\n",  # runs the __init__ only
}
CANDIDATES = sorted(PACKAGE)


def test_a_blocked_module_taints_only_its_real_importers():
    graph = import_graph(PACKAGE)
    assert "shop/budget.py" in graph["shop/orders.py"]  # `from shop import retry_budget` resolved
    assert dependents(graph, ["shop/budget.py"]) == {"shop/__init__.py", "shop/orders.py"}
    assert dependents(graph, ["shop/ledger.py"]) == {"shop/__init__.py", "shop/refunds.py"}
    options = [o.module for o in next_options(CANDIDATES, graph, ["shop/budget.py"])]
    assert options == ["shop/ledger.py", "shop/refunds.py", "shop/report.py"]


def test_a_blocked_init_still_blocks_the_whole_package():
    graph = import_graph(PACKAGE)
    assert dependents(graph, ["shop/__init__.py"]) >= {"shop/budget.py", "shop/report.py", "shop/orders.py"}


def test_when_nothing_qualifies_the_reason_names_a_chain():
    files = {"shop/__init__.py": "", "shop/budget.py": "", "shop/a.py": "from shop.b import x\n",
             "shop/b.py": "from shop.budget import y\n"}
    graph = import_graph(files)
    candidates, blocked = ["shop/a.py", "shop/b.py", "shop/budget.py"], ["shop/budget.py"]
    assert next_options(candidates, graph, blocked) == ()
    why = why_nothing_qualifies(candidates, graph, blocked)
    assert why == "every other changed module is excluded: 2 import a blocked module (shop/a.py → shop/b.py → " \
                  "shop/budget.py)"
    assert "hold deferred work (shop/a.py)" in why_nothing_qualifies(["shop/a.py", "shop/budget.py"], {},
                                                                      blocked, held=["shop/a.py"])
    assert why_nothing_qualifies(["shop/budget.py"], graph, blocked).startswith("no changed module other than")
