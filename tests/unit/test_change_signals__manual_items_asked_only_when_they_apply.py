"""What a change touches (persistence, contract, format, rollout, imports, io), read from its changed code lines:
comments and docstrings never count, and a manual item whose signals are absent is not asked."""

import pytest

from readiness.core.checklists.engine import Inputs, evaluate
from readiness.core.checklists.loader import builtin_checklists
from readiness.core.checklists.signals import ABSENT, change_signals
from readiness.core.models import Status
from readiness.core.scan.base import SourceFile

CHECKLISTS = builtin_checklists()


def source(path, text, changed=None, is_test=False):
    language = "python" if path.endswith(".py") else "javascript" if path.endswith(".js") else None
    return SourceFile(path=path, text=text, changed=frozenset(changed) if changed is not None else None,
                      is_test=is_test, language=language)


@pytest.mark.parametrize(("text", "signal"), [
    ("def save(p, data):\n    with open(p, 'w') as f:\n        f.write(data)\n", "persistence"),
    ("def save(p, data):\n    p.write_text(data)\n", "persistence"),
    ("def add(db, row):\n    db.execute('INSERT INTO refunds VALUES (?)', row)\n", "persistence"),
    ("def cli(parser):\n    parser.add_argument('--limit')\n", "format"),
    ("def limit():\n    return int(os.environ.get('REFUND_LIMIT', '5'))\n", "rollout"),
    ("def fetch(url):\n    return requests.get(url, timeout=5)\n", "io"),
    ("def run(cmd):\n    return subprocess.run(cmd, check=True)\n", "io"),
])
def test_changed_code_shows_the_signal(text, signal):
    assert signal in change_signals([source("_pkg/mod.py", text)], ["_pkg/mod.py"])


def test_comments_docstrings_and_tests_show_nothing():
    text = ('def total(items):\n    """Sum them; never open(path, "w") or INSERT INTO anything."""\n'
            '    # later: os.environ and requests.get(url)\n    return sum(items)\n')
    assert change_signals([source("_pkg/calc.py", text)], ["_pkg/calc.py"]) == {}
    test = "def test_x(tmp_path):\n    (tmp_path / 'a').write_text('x')\n    os.environ['A'] = '1'\n"
    assert change_signals([source("tests/test_x.py", test, is_test=True)], ["tests/test_x.py"]) == {}


def test_only_changed_lines_count():
    text = "import os\n\ndef limit():\n    return os.environ['LIMIT']\n\ndef half(n):\n    return n // 2\n"
    assert "rollout" not in change_signals([source("_pkg/m.py", text, changed={6, 7})], ["_pkg/m.py"])
    assert change_signals([source("_pkg/m.py", text, changed={4})], ["_pkg/m.py"])["rollout"] == "_pkg/m.py:4"


def test_public_signature_is_a_contract_change_private_module_is_not():
    text = "def refund(order, amount):\n    return amount\n"
    assert change_signals([source("pkg/payments.py", text)], ["pkg/payments.py"])["contract"] == \
        "pkg/payments.py:1 (a public signature)"
    assert "contract" not in change_signals([source("pkg/_impl.py", text)], ["pkg/_impl.py"])


def test_changed_files_that_import_each_other_are_a_cross_module_change():
    ledger = source("pkg/ledger.py", "def post(entry):\n    return entry\n")
    payments = source("pkg/payments.py", "from pkg.ledger import post\n\ndef refund(o):\n    return post(o)\n")
    relative = source("pkg/refunds.py", "from . import ledger\n\ndef undo(o):\n    return ledger.post(o)\n")
    init = source("pkg/__init__.py", "")
    paths = ["pkg/__init__.py", "pkg/ledger.py", "pkg/payments.py"]
    assert change_signals([init, ledger, payments], paths)["imports"] == "pkg/payments.py imports pkg/ledger.py"
    assert change_signals([init, ledger, relative], paths)["imports"] == "pkg/refunds.py imports pkg/ledger.py"
    alone = source("pkg/other.py", "def f():\n    return 1\n")
    assert "imports" not in change_signals([ledger, alone], ["pkg/ledger.py", "pkg/other.py"])
    js_a = source("web/a.js", "import { b } from './b';\nexport function a() { return b(); }\n")
    js_b = source("web/b.js", "export function b() { return 1; }\n")
    assert change_signals([js_a, js_b], ["web/a.js", "web/b.js"])["imports"] == "web/a.js imports web/b.js"


def test_schema_and_migration_files_are_signals_by_path():
    found = change_signals([], ["api/openapi.yaml", "app/migrations/0002_refund.py", "deploy/values.yaml"])
    assert found["format"] == "api/openapi.yaml" and found["contract"] == "api/openapi.yaml"
    assert found["persistence"] == "app/migrations/0002_refund.py" and found["rollout"] == "deploy/values.yaml"


def _items(signals):
    inputs = Inputs(paths=("pkg/payments.py",), signals=signals)
    return {f"{c.id}/{i.id}": i for c in evaluate(CHECKLISTS, inputs) for i in c.items}


def test_a_plain_logic_change_asks_no_persistence_contract_format_or_rollout_confirmation():
    items = _items({})
    for key, signal in (("implemented/durable-persistence", "persistence"), ("implemented/rollout", "rollout"),
                        ("implemented/public-contracts", "contract"), ("minimum-per-feature/contract-test", "format"),
                        ("minimum-per-feature/component-test", "imports")):
        assert items[key].status == Status.SKIP and items[key].detail == f"does not apply: {ABSENT[signal]}", key
    for key in ("implemented/observability", "ready-for-review/metrics-baseline"):
        assert items[key].status == Status.PASS and f"not asked: {ABSENT['io']}" in items[key].detail, key
    asked = [k for k, i in items.items() if i.status == Status.MANUAL and "confirm:" in i.detail]
    assert asked == []


def test_every_signal_present_asks_every_confirmation_and_the_ids_stay():
    everything = dict.fromkeys(("persistence", "contract", "format", "rollout", "imports", "io"), "pkg/payments.py:3")
    items = _items(everything)
    asked = sorted(k for k, i in items.items() if "confirm:" in i.detail)
    assert asked == ["implemented/durable-persistence", "implemented/observability", "implemented/public-contracts",
                     "implemented/rollout", "minimum-per-feature/component-test", "minimum-per-feature/contract-test",
                     "ready-for-review/metrics-baseline"]
