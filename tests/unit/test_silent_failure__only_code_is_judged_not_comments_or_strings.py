"""silent-failure judges code only: a `catch (e) {}`, an `except Exception: pass`, a `suppress(Exception)` or an
`if err != nil {}` written in a comment, a string, a template literal or a docstring is text, not a handler. Comments
and string contents are blanked (offsets and line numbers kept) before the line patterns run; Python is judged on
the file's own parse (what the AST holds is code), and on the blanked text when the file does not parse. The real
handlers around them, on the same line or the next, are still reported."""

import warnings

import pytest

from readiness.core.scan import engine as scan
from readiness.core.scan.base import ScanContext, SourceFile, language_of
from readiness.core.scan.scanners._code_only import python_code


def _found(path: str, text: str) -> list[tuple[str, int]]:
    source = SourceFile(path=path, text=text, language=language_of(path), new=True)
    findings = scan.run(ScanContext(files=[source], repo=None), scanners=["silent-failure"])
    return [(f.rule.split("/")[1], f.line) for f in findings]


REAL_JS = "function f() {\n  try { g() } catch (e) {}\n}\n"

CASES = [
    # (id, path, text, expected [(rule suffix, line)])
    ("js-template-literal", "a.js", "const doc = `try { x() } catch (e) {}`;\n", []),
    ("js-line-comment", "a.js", "// try { x() } catch (e) {}\n", []),
    ("js-trailing-line-comment", "a.js", "go();  // then catch (e) {} does nothing\n", []),
    ("js-block-comment", "a.js", "/* catch (e) {} */\n", []),
    ("js-double-quoted-string", "a.js", 'const s = "catch (e) {}";\n', []),
    ("js-single-quoted-string", "a.js", "const s = 'catch (e) {}';\n", []),
    ("js-promise-catch-in-string", "a.js", "const s = 'p.catch(() => {})';\n", []),
    ("js-multi-line-block-comment", "a.js", "/*\n * Never write:\n *   } catch (e) {}\n */\n", []),
    ("js-multi-line-template-literal", "a.js", "const doc = `\n  try {\n    x()\n  } catch (e) {\n  }\n`;\n", []),
    ("js-jsdoc-example", "a.js", "/**\n * @example\n * try { run() } catch (err) {}\n */\nexport function run() {}\n",
     []),
    ("java-string", "A.java", 'class A {\n  String s = "try { g(); } catch (Exception e) {}";\n}\n', []),
    ("kotlin-raw-string", "A.kt", 'val doc = """\n  try { g() } catch (e: Exception) {}\n"""\n', []),
    ("csharp-comment", "A.cs", "class A {\n  // try { G(); } catch (Exception) { }\n}\n", []),
    ("php-hash-comment", "a.php", "<?php\n# try { g(); } catch (Exception $e) {}\n", []),
    ("swift-string", "a.swift", 'let s = "do { try g() } catch {}"\n', []),
    # real handlers next to the text ones are still reported
    ("js-real-after-template", "a.js", "const doc = `catch (e) {}`;\n" + REAL_JS, [("empty-catch", 3)]),
    ("js-real-after-block-comment", "a.js", "/*\n catch (e) {}\n*/\n" + REAL_JS, [("empty-catch", 5)]),
    ("js-real-with-trailing-comment", "a.js", "try { g() } catch (e) {}  // catch (x) {}\n", [("empty-catch", 1)]),
    ("js-real-promise-catch", "a.js", "p.catch(() => {})  // 'quoted'\n", [("empty-catch", 1)]),
    ("js-real-promise-catch-holding-a-comment", "a.js", "p.catch(() => { /* ignore */ })\n", [("empty-catch", 1)]),
    ("js-real-promise-catch-after-a-url", "a.js", 'fetch("http://x/y").catch(() => {})\n', [("empty-catch", 1)]),
    ("js-real-catch-after-a-closing-template", "a.js",
     "const doc = `\n  catch (x) {}\n`; try { g() } catch (e) {}\n", [("empty-catch", 3)]),
    ("js-real-catch-holding-a-string", "a.js", 'try { g() } catch (e) { "}" }\n', []),
    ("java-real", "A.java", 'class A {\n  void f() {\n    try { g("catch (x) {}"); } catch (Exception e) {}\n  }\n}\n',
     [("empty-catch", 3)]),
    # Python: a try/except or a suppress inside a string or a comment
    ("py-try-in-triple-quoted-string", "a.py",
     'def f():\n    s = """\n    try:\n        x()\n    except Exception:\n        pass\n    """\n    return s\n', []),
    ("py-try-in-docstring", "a.py",
     "def f():\n    '''Example:\n\n    try:\n        x()\n    except:\n        pass\n    '''\n", []),
    ("py-suppress-in-docstring", "a.py",
     'def f():\n    """Use:\n\n    with suppress(Exception):\n        x()\n    """\n', []),
    ("py-real-after-string", "a.py",
     's = """\ntry:\n    x()\nexcept Exception:\n    pass\n"""\ntry:\n    y()\nexcept Exception:\n    pass\n',
     [("python-swallowed", 9)]),
    ("py-real-suppress-after-string", "a.py",
     'import contextlib\ns = """\nwith contextlib.suppress(Exception):\n"""\nwith contextlib.suppress(Exception):\n'
     "    x()\n", [("python-suppress-all", 5)]),
    # Python that does not parse (Python 2): the blanked text decides
    ("py2-try-in-string", "a.py",
     'print "hi"\ns = """\ntry:\n    x()\nexcept Exception:\n    pass\n"""\n', []),
    ("py2-real-handler", "a.py", 'print "hi"\ntry:\n    x()\nexcept Exception:\n    pass  # "quoted"\n',
     [("python-swallowed", 4)]),
    # Go: comments and raw strings
    ("go-comment", "a.go", "package a\n\n// if err != nil {}\nfunc f() {}\n", []),
    ("go-raw-string", "a.go", "package a\n\nvar doc = `\n_ = err\nif err != nil {\n}\n`\n", []),
    ("go-string", "a.go", 'package a\n\nvar doc = "if err != nil {}"\n', []),
    ("go-real-with-comment", "a.go", "package a\n\nfunc f() {\n\terr := g()\n\t_ = err // ignored\n}\n",
     [("go-discarded-error", 5)]),
]


@pytest.mark.parametrize("path, text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_only_code_is_judged(path, text, expected):
    assert _found(path, text) == expected


def test_a_file_with_a_lone_carriage_return_keeps_its_line_numbers():
    # Python's parser ends a line at a lone \r, the scanners' lines do not: the parse must not shift the string.
    text = "x = 1\r# note\ns = '''\ntry:\n    y()\n'''\nz = 2\n"
    code = python_code(text)
    assert [code.in_string(i) for i in range(6)] == [False, False, True, True, True, False]
    assert code._parsed_strings == [(1, 4)]  # the parse was asked, and agrees


def test_parsing_the_file_prints_no_warning_of_the_parser():
    # The docstring's handler has the whole file parsed, and an invalid escape elsewhere makes the parser warn
    # (SyntaxWarning on 3.12+): the scan stays quiet.
    text = ('import re\nPATTERN = "\\d+"\n\n\ndef f():\n    """Never:\n\n    except Exception:\n        pass\n    """\n'
            "    try:\n        g()\n    except Exception:\n        pass\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert _found("a.py", text) == [("python-swallowed", 13)]
    assert [str(w.message) for w in caught] == []
