"""todo-throw: true and false positives for every language, table-driven.

Each case is (id, path, code, expected) where expected lists (rule without the `todo-throw/` prefix, line,
severity). An empty list is a false positive that must stay silent. Other files of the repository (for the class
index) can be given as a dict in place of the path: {"path": ..., "others": {...}}.
"""

from __future__ import annotations

import fnmatch
import re
import textwrap

import pytest

from readiness.core.scan.base import ScanContext, SourceFile, language_of
from readiness.core.scan.scanners.todo_throw import SCANNER


class FakeRepository:
    """A RepositoryView over a dict of path -> text; grep approximates `git grep -E` (not git)."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files

    def all_paths(self) -> list[str]:
        return sorted(self.files)

    def read_text(self, path: str) -> str | None:
        return self.files.get(path)

    def grep(self, pattern, pathspecs=()):
        regex = re.compile(pattern.replace("[[:space:]]", r"\s"))
        return [(path, n, line) for path in sorted(self.files)
                if not pathspecs or any(fnmatch.fnmatchcase(path, spec) for spec in pathspecs)
                for n, line in enumerate(self.files[path].split("\n"), start=1) if regex.search(line)]


def scan(path: str, code: str, others: dict[str, str] | None = None, is_test: bool = False):
    text = textwrap.dedent(code)
    repo = FakeRepository({path: text, **(others or {})})
    ctx = ScanContext(files=[SourceFile(path, text, is_test=is_test, language=language_of(path))], repo=repo)
    return [(f.rule.split("/", 1)[1], f.line, str(f.severity or SCANNER.rules[f.rule].severity))
            for f in SCANNER.scan(ctx)]


ERR, INFO = "error", "info"

PYTHON_CASES = [
    # ------------------------------------------------------------ stubs: errors
    ("method stub", "pay/gateway.py", """
        class PaymentGateway:
            def refund(self, order):
                raise NotImplementedError
        """, [("python-stub", 4, ERR)]),
    ("stub with docstring and message", "pay/gateway.py", '''
        def capture(order):
            """Capture the payment."""
            raise NotImplementedError("capture")
        ''', [("python-stub", 4, ERR)]),
    ("async stub", "svc.py", """
        async def fetch(url):
            raise NotImplementedError()
        """, [("python-stub", 3, ERR)]),
    ("one-line def", "svc.py", """
        def fetch(url): raise NotImplementedError
        """, [("python-stub", 2, ERR)]),
    ("black-style signature", "svc.py", """
        def fetch(
            url: str,
            timeout: float = 1.0,
        ) -> bytes:
            # we will get there
            raise NotImplementedError
        """, [("python-stub", 7, ERR)]),
    ("property that is not abstract", "svc.py", """
        class Order:
            @property
            def total(self):
                raise NotImplementedError
        """, [("python-stub", 5, ERR)]),
    ("raise NotImplemented (a bug too)", "svc.py", """
        def fetch(url):
            raise NotImplemented
        """, [("python-stub", 3, ERR)]),
    ("builtins.NotImplementedError", "svc.py", """
        def fetch(url):
            raise builtins.NotImplementedError
        """, [("python-stub", 3, ERR)]),
    ("subclass stub whose base only has a stub too", "pay/stripe.py", """
        class Gateway:
            def refund(self, order):
                raise NotImplementedError

        class StripeGateway(Gateway):
            def refund(self, order):
                raise NotImplementedError
        """, [("python-abstract-by-convention", 4, INFO), ("python-stub", 8, ERR)]),
    ("base class stub whose message says it is unfinished", "svc.py", """
        class BaseStore:
            def get(self, key):
                raise NotImplementedError("not implemented yet")
        """, [("python-stub", 4, ERR)]),
    ("TODO beats abstract-by-convention", "svc.py", """
        class BaseStore:
            def get(self, key):
                # TODO: read from redis
                raise NotImplementedError
        """, [("python-stub", 5, ERR)]),
    ("nested def stub inside a real function", "svc.py", """
        def outer():
            def inner():
                raise NotImplementedError
            return inner
        """, [("python-stub", 4, ERR)]),
    ("python 2 syntax falls back to line patterns", "legacy.py", """
        def fetch(url):
            raise NotImplementedError, "fetch"
        """, [("python-stub", 3, ERR)]),
    ("block with a column-0 string still parses or falls back", "svc.py", '''
        def fetch(url):
            raise NotImplementedError(
        """multi
        line""")
        ''', [("python-stub", 3, ERR)]),
    # ------------------------------------------------------------ TODO raises and placeholder exceptions
    ("TODO comment above a nested raise", "svc.py", """
        def refund(order, kind):
            if kind == "full":
                return order.total
            # TODO: partial refunds
            raise NotImplementedError
        """, [("python-todo-raise", 6, ERR)]),
    ("FIXME in a multi-line message", "svc.py", """
        def refund(order, kind):
            if kind == "full":
                return order.total
            raise NotImplementedError(
                "FIXME: partial refunds")
        """, [("python-todo-raise", 5, ERR)]),
    ("trailing TODO comment", "svc.py", """
        def refund(order, kind):
            if kind:
                return 1
            raise NotImplementedError  # TODO
        """, [("python-todo-raise", 5, ERR)]),
    ("RuntimeError TODO", "svc.py", """
        def refund(order):
            log(order)
            raise RuntimeError("TODO: implement refunds")
        """, [("python-todo-exception", 4, ERR)]),
    ("Exception not implemented", "svc.py", """
        def refund(order):
            raise Exception("Not implemented")
        """, [("python-todo-exception", 3, ERR)]),
    ("module-level TODO raise", "svc.py", """
        import sys
        if sys.platform == "win32":
            raise NotImplementedError("TODO: windows")
        """, [("python-todo-raise", 4, ERR)]),
    # ------------------------------------------------------------ abstract by convention, refusals: info
    ("Base prefix", "svc.py", """
        class BaseStore:
            def get(self, key):
                raise NotImplementedError
        """, [("python-abstract-by-convention", 4, INFO)]),
    ("Mixin suffix", "svc.py", """
        class CacheMixin:
            def key(self):
                raise NotImplementedError
        """, [("python-abstract-by-convention", 4, INFO)]),
    ("Interface suffix and Abstract prefix", "svc.py", """
        class StoreInterface:
            def get(self, key):
                raise NotImplementedError

        class AbstractStore:
            def put(self, key):
                raise NotImplementedError
        """, [("python-abstract-by-convention", 4, INFO), ("python-abstract-by-convention", 8, INFO)]),
    ("class docstring says base class", "svc.py", '''
        class Store:
            """Base class for stores."""

            def get(self, key):
                raise NotImplementedError
        ''', [("python-abstract-by-convention", 6, INFO)]),
    ("class docstring says subclasses must", "svc.py", '''
        class Store:
            """Key-value storage. Subclasses must provide get()."""
            def get(self, key):
                raise NotImplementedError
        ''', [("python-abstract-by-convention", 5, INFO)]),
    ("message says subclasses implement it", "svc.py", """
        class Store:
            def get(self, key):
                raise NotImplementedError("must be implemented by subclasses")
        """, [("python-abstract-by-convention", 4, INFO)]),
    ("method docstring says override", "svc.py", '''
        class Store:
            def get(self, key):
                """This should be overridden."""
                raise NotImplementedError
        ''', [("python-abstract-by-convention", 5, INFO)]),
    ("ABC without abstractmethod", "svc.py", """
        import abc
        class Store(abc.ABC):
            def get(self, key):
                raise NotImplementedError
        """, [("python-abstract-by-convention", 5, INFO)]),
    ("subclass in another file overrides it", {"path": "store.py", "others": {"redis_store.py": textwrap.dedent("""
        from store import Store
        class Cached(Store):
            pass
        class RedisStore(Cached):
            def get(self, key):
                return self.client.get(key)
        """)}}, """
        class Store:
            def get(self, key):
                raise NotImplementedError
        """, [("python-abstract-by-convention", 4, INFO)]),
    ("singledispatch fallback", "svc.py", """
        from functools import singledispatch
        @singledispatch
        def render(obj):
            raise NotImplementedError(type(obj))
        """, [("python-abstract-by-convention", 5, INFO)]),
    ("whole-body unsupported operation", "svc.py", """
        class Stream:
            def seek(self, offset):
                raise NotImplementedError("seek is not supported on pipes")
        """, [("python-unsupported", 4, INFO)]),
    ("dunder opting out of a protocol", "svc.py", """
        class Frozen:
            def __setitem__(self, key, value):
                raise NotImplementedError
        """, [("python-unsupported", 4, INFO)]),
    ("override refusing an implemented base method", "shell.py", """
        class Shell:
            def chmod(self, path, mode):
                return f"chmod {mode} {path}"

        class PowerShell(Shell):
            def chmod(self, path, mode):
                raise NotImplementedError
        """, [("python-unsupported", 8, INFO)]),
    ("stub in a test file is info", "tests/test_pay.py", """
        def helper():
            raise NotImplementedError
        """, [("python-stub", 3, INFO)]),
    # ------------------------------------------------------------ never flagged
    ("abstractmethod", "svc.py", """
        from abc import ABC, abstractmethod
        class Store(ABC):
            @abstractmethod
            def get(self, key):
                raise NotImplementedError
        """, []),
    ("abc.abstractmethod stacked with property, classmethod, staticmethod", "svc.py", """
        import abc
        class Store:
            @property
            @abc.abstractmethod
            def name(self):
                raise NotImplementedError

            @classmethod
            @abc.abstractmethod
            def create(cls):
                raise NotImplementedError

            @staticmethod
            @abc.abstractmethod
            def version():
                raise NotImplementedError("TODO")

            @abc.abstractproperty
            def size(self):
                raise NotImplementedError
        """, []),
    ("Protocol methods", "svc.py", """
        import typing
        class Store(typing.Protocol):
            def get(self, key):
                raise NotImplementedError

        class Box(Protocol[T]):
            def put(self, item: T) -> None:
                raise NotImplementedError
        """, []),
    ("overload stubs", "svc.py", """
        from typing import overload
        import typing
        @overload
        def get(key: int) -> int:
            raise NotImplementedError
        @typing.overload
        def get(key: str) -> str:
            raise NotImplementedError
        def get(key):
            return key
        """, []),
    ("pyi stub file", "svc.pyi", """
        def get(key: int) -> int:
            raise NotImplementedError
        """, []),
    ("return NotImplemented", "svc.py", """
        class Money:
            def __eq__(self, other):
                return NotImplemented
        """, []),
    ("TODO words in comments and docstrings only", "svc.py", '''
        def refund(order):
            """TODO: not implemented for partial orders."""
            # TODO: FIXME not implemented
            return order.total
        ''', []),
    ("raise in a docstring example", "svc.py", '''
        def helper():
            """Example:

                def refund(self):
                    raise NotImplementedError
            """
            return 1
        ''', []),
    ("unsupported branch in a function that does real work", "svc.py", """
        def parse(kind, data):
            if kind == "json":
                return json.loads(data)
            else:
                raise NotImplementedError(f"unsupported {kind}")
        """, []),
    ("bare raise after real work: an unfinished branch of new code", "svc.py", """
        def area(shape):
            if shape.kind == "circle":
                return 3.14 * shape.r ** 2
            raise NotImplementedError
        """, [("python-unfinished-branch", 5, "warning")]),
    ("catching NotImplementedError", "svc.py", """
        def area(shape):
            try:
                return shape.area()
            except NotImplementedError:
                return None
        """, []),
    ("raise text inside ordinary strings", "svc.py", """
        EXAMPLE = "raise NotImplementedError  # TODO"
        RULES = ("x", 'raise RuntimeError("TODO: implement capture")')
        """, []),
    ("NotImplementedError inside another message", "svc.py", """
        def area(shape):
            raise ValueError("do not raise NotImplementedError here")
        """, []),
    ("RuntimeError with an ordinary message", "svc.py", """
        def area(shape):
            raise RuntimeError("shape has no area")
        """, []),
]

OTHER_CASES = [
    ("java placeholder", "src/Pay.java", """
        class Pay {
            void refund() {
                throw new UnsupportedOperationException("Not implemented yet");
            }
            void capture() { throw new UnsupportedOperationException("TODO: capture"); }
        }
        """, [("java", 4, ERR), ("java", 6, ERR)]),
    ("java deliberate and commented", "src/Pay.java", """
        class Pay {
            void add(Object o) { throw new UnsupportedOperationException(); }
            // throw new UnsupportedOperationException("TODO");
            /* throw new UnsupportedOperationException("TODO");
               still a comment */
            String s = "throw new UnsupportedOperationException(\\"TODO\\")";
            void remove() { throw new UnsupportedOperationException("immutable list"); }
        }
        """, []),
    ("kotlin TODO()", "src/Pay.kt", """
        fun refund(): Int = TODO()
        fun capture() { TODO("capture") }
        fun void() { throw UnsupportedOperationException("not implemented") }
        """, [("kotlin", 2, ERR), ("kotlin", 3, ERR), ("kotlin", 4, ERR)]),
    ("kotlin comments and strings", "src/Pay.kt", '''
        // TODO: later
        val s = "TODO()"
        val t = """TODO()"""
        fun f() = 1
        ''', []),
    ("scala ???", "src/Pay.scala", """
        object Pay {
          def refund(): Int = ???
        }
        """, [("scala", 3, ERR)]),
    ("scala comments and strings", "src/Pay.scala", """
        object Pay {
          // def refund(): Int = ???
          val s = "???"
        }
        """, []),
    ("csharp NotImplementedException", "src/Pay.cs", """
        class Pay {
            public void Refund() { throw new NotImplementedException(); }
            public int Total => throw new System.NotImplementedException();
        }
        """, [("csharp", 3, ERR), ("csharp", 4, ERR)]),
    ("csharp deliberate and commented", "src/Pay.cs", """
        class Pay {
            public void Refund() { throw new NotSupportedException(); }
            /* throw new NotImplementedException(); */
            public void Tmp() { throw new NotImplementedException("Tmpdir is only supported on Windows"); }
            string s = @"throw new NotImplementedException();";
        }
        """, []),
    ("go panic", "pay.go", """
        package pay

        func Refund() { panic("not implemented") }
        func Capture() {
            panic("TODO: capture")
        }
        func Void() { panic(fmt.Sprintf("unimplemented: %s", x)) }
        """, [("go", 4, ERR), ("go", 6, ERR), ("go", 8, ERR)]),
    ("go ordinary panics, comments, raw strings", "pay.go", """
        package pay

        func Refund() { panic(err) }
        func Capture() { panic("unexpected state") }
        // panic("TODO")
        var s = `panic("TODO")`
        """, []),
    ("rust todo! and unimplemented!", "src/pay.rs", """
        fn refund<'a>(order: &'a Order) -> u32 {
            todo!()
        }
        fn capture(c: char) -> u32 { if c == 'x' { 1 } else { unimplemented!("capture") } }
        """, [("rust", 3, ERR), ("rust", 5, ERR)]),
    ("rust comments and strings", "src/pay.rs", """
        // todo!()
        /* unimplemented!() */
        const S: &str = "todo!()";
        const R: &str = r#"unimplemented!()"#;
        """, []),
    ("javascript throw", "src/pay.js", """
        function refund() {
          throw new Error("not implemented");
        }
        const capture = () => { throw new Error(`TODO: capture ${id}`); };
        """, [("javascript", 3, ERR), ("javascript", 5, ERR)]),
    ("typescript throw", "src/pay.ts", """
        export function refund(): number {
          throw new Error('Not implemented');
        }
        """, [("javascript", 3, ERR)]),
    ("typescript comments, strings, ordinary errors", "src/pay.ts", """
        // throw new Error("TODO")
        const s = "throw new Error('TODO')";
        const t = `throw new Error("not implemented")`;
        export function check(x: number) { if (x < 0) throw new Error("negative amount"); }
        """, []),
    ("swift fatalError", "Pay.swift", """
        func refund() -> Int {
            fatalError("not implemented")
        }
        """, [("swift", 3, ERR)]),
    ("swift interface-builder boilerplate and comments", "Pay.swift", """
        required init?(coder: NSCoder) {
            fatalError("init(coder:) has not been implemented")
        }
        // fatalError("TODO")
        """, []),
    ("c assert and c++ logic_error", "pay.cpp", """
        int refund() { assert(!"not implemented"); return 0; }
        int capture() { throw std::logic_error("TODO capture"); }
        """, [("cpp", 2, ERR), ("cpp", 3, ERR)]),
    ("c++ ordinary asserts, comments and strings", "pay.cpp", """
        int check(int x) { assert(x > 0); return x; }
        // assert(!"not implemented");
        const char *s = "throw std::logic_error(\\"TODO\\")";
        void f() { throw std::logic_error("bad state"); }
        """, []),
    ("c header", "pay.h", """
        /* a block comment
           assert(!"not implemented");
        */
        static inline int refund(void) { assert(!"TODO"); return 0; }
        """, [("cpp", 5, ERR)]),
    ("other-language test file is info", "src/pay.test.ts", """
        it("refunds", () => { throw new Error("not implemented"); });
        """, [("javascript", 2, INFO)]),
]


def _scan_case(path, code, is_test=False):
    if isinstance(path, dict):
        return scan(path["path"], code, others=path["others"])
    return scan(path, code, is_test=is_test or "/test" in path or ".test." in path)


@pytest.mark.parametrize(("case", "path", "code", "expected"), PYTHON_CASES + OTHER_CASES,
                         ids=[c[0] for c in PYTHON_CASES + OTHER_CASES])
def test_todo_throw_flags_stubs_not_abstract_methods(case, path, code, expected):
    assert sorted(_scan_case(path, code)) == sorted(expected), case


def test_every_language_family_has_a_true_and_a_false_positive():
    rules_hit = {rule for _, path, code, expected in PYTHON_CASES + OTHER_CASES for rule, _, _ in expected}
    assert {rule.split("/", 1)[1] for rule in SCANNER.rules} <= rules_hit
    quiet = {language_of(p if isinstance(p, str) else p["path"]) for _, p, _, expected in PYTHON_CASES + OTHER_CASES
             if not expected}
    assert {"python", "java", "kotlin", "scala", "csharp", "go", "rust", "typescript", "swift", "cpp"} <= quiet


def test_stub_message_names_the_function():
    text = "class PaymentGateway:\n    def refund(self, order):\n        raise NotImplementedError\n"
    ctx = ScanContext(files=[SourceFile("pay.py", text, language="python")], repo=FakeRepository({"pay.py": text}))
    [finding] = list(SCANNER.scan(ctx))
    assert finding.message == "refund() is a stub that raises NotImplementedError"
    assert finding.rule == "todo-throw/python-stub"
