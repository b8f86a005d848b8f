"""`pyast.parse` returns the module's AST, or None for text that does not parse (syntax errors, null bytes,
nesting too deep), never raising; `pyast.dotted` names a name or an attribute chain on a name, None otherwise."""

import ast

import pytest

from readiness.core.scan._source import pyast


@pytest.mark.parametrize("text, first", [
    ("x = 1\n", ast.Assign),
    ("def f():\n    return 1\n", ast.FunctionDef),
    ("import os.path\n", ast.Import),
    ("async def g():\n    await h()\n", ast.AsyncFunctionDef),
    ("match x:\n    case 1:\n        pass\n", ast.Match),
], ids=["assign", "def", "import", "async", "match"])
def test_valid_text_parses_to_a_module(text, first):
    tree = pyast.parse(text)
    assert isinstance(tree, ast.Module)
    assert isinstance(tree.body[0], first)


def test_empty_text_is_an_empty_module():
    tree = pyast.parse("")
    assert isinstance(tree, ast.Module) and tree.body == []


@pytest.mark.parametrize("text", [
    "def f(:\n",  # syntax error
    "x = (1,\n",  # unclosed bracket
    "if True:\nreturn\n",  # indentation error
    "x = 1\0\n",  # null byte: ValueError or SyntaxError depending on the version
    "x = " + "(" * 300 + "1" + ")" * 300 + "\n",  # too many nested parentheses
    "x = " + "-" * 200_000 + "1\n",  # too deep for the compiler: RecursionError
    "print 'python 2'\n",
], ids=["syntax", "unclosed", "indent", "null-byte", "nested-parens", "deep-unary", "python2"])
def test_bad_text_gives_none_and_never_raises(text):
    assert pyast.parse(text, filename="bad.py") is None


def test_filename_is_accepted_and_line_numbers_kept():
    tree = pyast.parse("\n\nvalue = 3\n", filename="pkg/mod.py")
    assert tree is not None and tree.body[0].lineno == 3


def expr(source: str) -> ast.AST:
    return ast.parse(source, mode="eval").body


@pytest.mark.parametrize("source, name", [
    ("x", "x"),
    ("a.b", "a.b"),
    ("os.path.join", "os.path.join"),
    ("self.parser.sub.add", "self.parser.sub.add"),
], ids=["name", "attribute", "three", "four"])
def test_names_and_attribute_chains_are_dotted(source, name):
    assert pyast.dotted(expr(source)) == name


@pytest.mark.parametrize("source", [
    "f().x",  # a call at the root
    "a[0].b",  # a subscript in the chain
    "'s'.join",  # a constant at the root
    "(a + b).c",  # an operation at the root
    "f()",
    "1",
    "a.b()",  # the call itself is not a dotted name
], ids=["call-root", "subscript", "constant-root", "binop-root", "call", "constant", "method-call"])
def test_anything_else_is_none(source):
    assert pyast.dotted(expr(source)) is None


def test_a_very_long_chain_is_built_without_recursion():
    node: ast.AST = ast.Name(id="root", ctx=ast.Load())
    for i in range(5000):
        node = ast.Attribute(value=node, attr=f"a{i}", ctx=ast.Load())
    name = pyast.dotted(node)
    assert name is not None
    parts = name.split(".")
    assert parts[0] == "root" and parts[-1] == "a4999" and len(parts) == 5001
