"""silent-failure: swallowed errors in Python (confirmed on the AST of the one `try` statement), empty catch blocks
in Java/Kotlin/C#/JavaScript/TypeScript, and discarded errors in Go; handlers that log, re-raise, count or fall
back are not reported. Table-driven, true and false cases per language."""

import pytest

from readiness.core.scan import engine as scan
from readiness.core.scan.base import ScanContext, SourceFile, language_of
from readiness.core.scan.scanners import silent_failure

PY = "def sync(items):\n    for item in items:\n        try:\n            push(item)\n{handler}\n"

CASES = [
    # (id, path, text, expected [(rule suffix, line)])
    ("py-bare-except-pass", "a.py", PY.format(handler="        except:\n            pass"),
     [("python-swallowed", 5)]),
    ("py-exception-pass", "a.py", PY.format(handler="        except Exception:\n            pass"),
     [("python-swallowed", 5)]),
    ("py-exception-as-e-ellipsis", "a.py", PY.format(handler="        except Exception as exc:\n            ..."),
     [("python-swallowed", 5)]),
    ("py-base-exception-continue", "a.py", PY.format(handler="        except BaseException:\n            continue"),
     [("python-swallowed", 5)]),
    ("py-tuple-with-exception", "a.py", PY.format(handler="        except (ValueError, Exception):\n            pass"),
     [("python-swallowed", 5)]),
    ("py-inline-handler", "a.py", "try: push()\nexcept Exception: pass\n", [("python-swallowed", 2)]),
    ("py-comment-only-beside-pass", "a.py",
     PY.format(handler="        except Exception:  # best effort\n            pass  # ignore"),
     [("python-swallowed", 5)]),
    ("py-suppress-exception", "a.py", "import contextlib\n\nwith contextlib.suppress(Exception):\n    push()\n",
     [("python-suppress-all", 3)]),
    ("py-narrow-with-fallback", "a.py", "try:\n    v = d[k]\nexcept KeyError:\n    return default\n", []),
    ("py-narrow-pass-is-idiomatic", "a.py", "try:\n    import fast\nexcept ImportError:\n    pass\n", []),
    ("py-broad-but-logged", "a.py",
     PY.format(handler="        except Exception:\n            log.exception('push failed')"), []),
    ("py-broad-but-re-raised", "a.py", PY.format(handler="        except Exception:\n            raise"), []),
    ("py-broad-but-counted", "a.py", PY.format(handler="        except Exception:\n            metrics.incr('x')"), []),
    ("py-pass-then-more-statements", "a.py",
     PY.format(handler="        except Exception:\n            pass\n            errors += 1"), []),
    ("py-except-inside-a-docstring", "a.py",
     'def f():\n    """Never write:\n\n    except Exception:\n        pass\n    """\n', []),
    ("py-suppress-narrow", "a.py", "with suppress(FileNotFoundError):\n    os.remove(p)\n", []),
    ("java-empty-catch", "A.java", "class A {\n  void f() {\n    try { g(); } catch (Exception e) {}\n  }\n}\n",
     [("empty-catch", 3)]),
    ("java-multiline-empty-catch", "A.java",
     "class A {\n  void f() {\n    try {\n      g();\n    } catch (IOException e) {\n    }\n  }\n}\n",
     [("empty-catch", 5)]),
    ("java-comment-is-not-handling", "A.java",
     "class A {\n  void f() {\n    try { g(); } catch (Exception e) {\n      // nothing to do\n    }\n  }\n}\n",
     [("empty-catch", 3)]),
    ("java-ignored-variable-states-intent", "A.java",
     "class A {\n  void f() {\n    try { g(); } catch (Exception ignored) {}\n  }\n}\n", []),
    ("java-logged", "A.java", "class A {\n  void f() {\n    try { g(); } catch (Exception e) { LOG.warn(e); }\n  }\n}\n",
     []),
    ("js-empty-catch", "a.js", "try { g() } catch (e) {}\n", [("empty-catch", 1)]),
    ("js-optional-binding", "a.js", "try {\n  g()\n} catch {\n}\n", [("empty-catch", 3)]),
    ("js-promise-catch-noop", "a.js", "fetch(u).then(r => r.json()).catch(() => {})\n", [("empty-catch", 1)]),
    ("js-logged", "a.js", "try { g() } catch (e) { console.error(e) }\n", []),
    ("js-underscore-variable", "a.js", "try { g() } catch (_err) {}\n", []),
    ("ts-typed-binding", "a.ts", "try { g() } catch (e: unknown) {}\n", [("empty-catch", 1)]),
    ("cs-empty-catch", "A.cs", "class A { void F() { try { G(); } catch (Exception) { } } }\n", [("empty-catch", 1)]),
    ("cs-logged", "A.cs", "class A { void F() { try { G(); } catch (Exception ex) { _log.Error(ex); } } }\n", []),
    ("kotlin-empty-catch", "A.kt", "fun f() {\n  try { g() } catch (e: Exception) {}\n}\n", [("empty-catch", 2)]),
    ("kotlin-logged", "A.kt", "fun f() {\n  try { g() } catch (e: Exception) { logger.warn(e) }\n}\n", []),
    ("go-discard", "a.go", "package a\n\nfunc f() {\n\terr := g()\n\t_ = err\n}\n", [("go-discarded-error", 5)]),
    ("go-empty-branch", "a.go", "package a\n\nfunc f() {\n\tif err := g(); err != nil {\n\t}\n}\n",
     [("go-empty-error-branch", 4)]),
    ("go-empty-branch-one-line", "a.go", "package a\n\nfunc f() {\n\tif err != nil { }\n}\n",
     [("go-empty-error-branch", 4)]),
    ("go-returned", "a.go", "package a\n\nfunc f() error {\n\tif err := g(); err != nil {\n\t\treturn err\n\t}\n"
     "\treturn nil\n}\n", []),
    ("go-blank-non-error", "a.go", "package a\n\nfunc f() {\n\t_ = x\n}\n", []),
]


def _findings(path: str, text: str, changed=None, is_test=False):
    source = SourceFile(path=path, text=text, changed=changed, is_test=is_test, language=language_of(path), new=True)
    ctx = ScanContext(files=[source], repo=None)  # silent-failure reads nothing beyond the files in scope
    return scan.run(ctx, scanners=["silent-failure"])


@pytest.mark.parametrize("path, text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_silent_failure(path, text, expected):
    findings = _findings(path, text)
    assert [(f.rule.split("/")[1], f.line) for f in findings] == expected
    assert all(str(f.severity) == "warning" and f.category == "silent-failure" for f in findings)


def test_only_changed_lines_are_reported():
    text = PY.format(handler="        except Exception:\n            pass")
    assert _findings("a.py", text, changed=frozenset({1, 2})) == []
    assert [f.line for f in _findings("a.py", text, changed=frozenset({5}))] == [5]


def test_vendored_code_is_not_scanned():
    assert _findings("static/vendor/lib.js", "try { g() } catch (e) {}\n") == []
    assert _findings("static/app.min.js", "try { g() } catch (e) {}\n") == []


def test_test_files_are_not_scanned():
    assert _findings("tests/test_a.py", PY.format(handler="        except:\n            pass"), is_test=True) == []


def test_every_rule_has_explain_text():
    for rule in silent_failure.RULES.values():
        assert rule.what and rule.why and rule.fix and rule.example and rule.id.startswith("silent-failure/")
