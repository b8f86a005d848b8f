"""The line-pattern helpers of todo-throw's Python side (`_todo_pyfile`): the first statement of a def after its
docstring, where its decorators start, and the comments that go with a raise line."""

from __future__ import annotations

from readiness.core.scan.scanners._todo_pyfile import comments_of, decorators_start, first_statement

LINES = [
    "class Store:",                      # 0
    "    @property",                     # 1
    "    # a comment between",           # 2
    "    @abc.abstractmethod",           # 3
    "    def get(self, key):",           # 4
    '        """Doc."""',                # 5
    "",                                  # 6
    "        # TODO: partial reads",     # 7
    "        raise NotImplementedError  # later",  # 8
]


def test_first_statement_skips_the_docstring_blank_lines_and_comments():
    assert first_statement(LINES, 4) == 8


def test_decorators_start_at_the_first_decorator_of_the_def():
    assert decorators_start(LINES, 4, 4) == 1
    assert decorators_start(LINES, 0, 0) == 0


def test_comments_of_a_raise_are_its_trailing_comment_and_the_ones_above():
    said = comments_of(LINES, 8)
    assert "# later" in said and "TODO: partial reads" in said
