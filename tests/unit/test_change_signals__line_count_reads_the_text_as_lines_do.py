"""The `large-untested` size of a whole new file is counted over its text without splitting it into lines
(`checklists/signals.py`): the same number as counting its non-blank lines (split on \\n, any Unicode whitespace
blank), for hostile text too; a change with a test file is never counted."""

import random

import pytest

from readiness.core.checklists import signals
from readiness.core.scan.base import SourceFile

PIECES = ["x", " ", "\t", "\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u3000", "\xa0", "é", "中",
          "\n\n", "  \n", "def f():\n"]


@pytest.mark.parametrize("seed", range(20))
def test_the_text_count_equals_the_count_of_non_blank_lines(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 400)))
    whole = SourceFile(path="pkg/a.py", text=text, language="python")
    assert signals._non_blank(whole) == sum(1 for line in whole.lines if line.strip())
    changed = SourceFile(path="pkg/a.py", text=text, language="python",
                         changed=frozenset(rng.sample(range(1, len(whole.lines) + 3), k=min(5, len(whole.lines)))))
    assert signals._non_blank(changed) == sum(1 for n in changed.changed if changed.line(n).strip())


def test_a_change_with_a_test_file_is_not_counted(monkeypatch):
    counted = []
    monkeypatch.setattr(signals, "_non_blank", lambda source: counted.append(source.path) or 10_000)
    code = SourceFile(path="pkg/a.py", text="x = 1\n", language="python")
    test = SourceFile(path="tests/test_a.py", text="def test_a():\n    pass\n", language="python", is_test=True)
    assert "large-untested" not in signals.change_signals([code, test], ["pkg/a.py", "tests/test_a.py"])
    assert counted == []
    assert "large-untested" in signals.change_signals([code], ["pkg/a.py"])
    assert counted == ["pkg/a.py"]
