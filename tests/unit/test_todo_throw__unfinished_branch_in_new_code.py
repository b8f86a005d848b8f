"""todo-throw: a `raise NotImplementedError` in one branch of a function that does real work (issue 12, Found 1).

On changed lines of a diff it is a warning ("unfinished branch?"), an error when the message says the branch is
unfinished; a message that names the refused input, a test file and an `--all` audit stay silent (the audit keeps
the precision measured on real projects).
"""

from __future__ import annotations

import textwrap

import pytest

from readiness.core.scan.base import ScanContext, SourceFile, language_of
from readiness.core.scan.scanners.todo_throw import SCANNER


class OneFileRepository:
    """A RepositoryView holding the scanned file only (no class elsewhere in the repository)."""

    def __init__(self, path: str, text: str) -> None:
        self.path, self.text = path, text

    def all_paths(self) -> list[str]:
        return [self.path]

    def read_text(self, path: str) -> str | None:
        return self.text if path == self.path else None

    def grep(self, pattern, pathspecs=()):
        return [(self.path, n, line) for n, line in enumerate(self.text.split("\n"), start=1) if "class " in line]

BUDGET = '''
def retry_budget(strategy, attempts):
    """How many retries a strategy may spend."""
    if strategy == "fixed":
        return attempts
    elif strategy == "adaptive":
        raise NotImplementedError({message})
    return attempts // 2
'''


def scan(code: str, *, scope: str = "diff", is_test: bool = False, changed: frozenset[int] | None = None):
    text = textwrap.dedent(code)
    source = SourceFile("pkg/budget.py", text, changed=changed, is_test=is_test, language="python")
    ctx = ScanContext(files=[source], repo=OneFileRepository("pkg/budget.py", text), scope=scope)
    return [(f.rule.split("/", 1)[1], f.line, str(f.severity or SCANNER.rules[f.rule].severity), f.message)
            for f in SCANNER.scan(ctx)]


def test_the_issue_example_is_an_unfinished_branch_warning():
    found = scan(BUDGET.format(message='"adaptive retry budgets"'))
    assert [f[:3] for f in found] == [("python-unfinished-branch", 7, "warning")]
    assert "unfinished branch?" in found[0][3] and "adaptive retry budgets" in found[0][3]


@pytest.mark.parametrize("message", ['"adaptive budgets: not yet"', '"TODO adaptive"', '"implement adaptive later"',
                                     '"stub"', '"adaptive budgets are yet to be written"', '"WIP"'])
def test_a_message_that_says_unfinished_is_an_error(message):
    assert [f[:3] for f in scan(BUDGET.format(message=message))] == [("python-todo-raise", 7, "error")]


@pytest.mark.parametrize("message", ['f"unknown strategy {strategy!r}"', '"adaptive is not supported"',
                                     '"only fixed budgets"', '"requires Python 3.12 or later"'])
def test_a_message_that_refuses_an_input_is_not_reported(message):
    assert scan(BUDGET.format(message=message)) == []


def test_the_rule_reads_only_changed_lines():
    code = BUDGET.format(message='"adaptive retry budgets"')
    assert scan(code, changed=frozenset({3, 4, 5})) == []
    assert [f[:2] for f in scan(code, changed=frozenset({7}))] == [("python-unfinished-branch", 7)]


def test_an_all_audit_and_test_files_keep_the_warning_off_but_errors_on():
    assert scan(BUDGET.format(message='"adaptive retry budgets"'), scope="all") == []
    assert scan(BUDGET.format(message='"adaptive retry budgets"'), is_test=True) == []
    assert [f[:3] for f in scan(BUDGET.format(message='"not yet"'), scope="all")] == [
        ("python-todo-raise", 7, "error")]


def test_dunder_refusals_and_abstract_methods_stay_silent():
    code = '''
    import abc
    class Money:
        def __add__(self, other):
            if isinstance(other, Money):
                return Money(self.cents + other.cents)
            raise NotImplementedError

        @abc.abstractmethod
        def convert(self, currency):
            raise NotImplementedError
    '''
    assert scan(code) == []


def scan_other(path: str, code: str, *, scope: str = "diff"):
    text = textwrap.dedent(code)
    source = SourceFile(path, text, language=language_of(path))
    ctx = ScanContext(files=[source], repo=OneFileRepository(path, text), scope=scope)
    return [(f.rule.split("/", 1)[1], f.line, str(f.severity or SCANNER.rules[f.rule].severity)) for f in
            SCANNER.scan(ctx)]


@pytest.mark.parametrize(("path", "code", "expected"), [
    ("Budget.kt", 'fun budget(s: String): Int {\n    if (s == "fixed") return 1\n'
                  '    throw NotImplementedError("adaptive retry budgets")\n}\n', [("kotlin", 3, "warning")]),
    ("Budget.java", 'class Budget {\n  int budget(String s) {\n    if (s.equals("fixed")) return 1;\n'
                    '    throw new UnsupportedOperationException("adaptive retry budgets");\n  }\n}\n',
     [("java", 4, "warning")]),
    ("Budget.java", "class It {\n  public void remove() {\n    throw new UnsupportedOperationException();\n  }\n}\n",
     []),  # the bare idiom of a deliberate refusal
    ("Budget.java", 'class It {\n  void f(String s) {\n    throw new UnsupportedOperationException("unknown " + s);\n'
                    "  }\n}\n", []),
    ("Budget.java", 'class It {\n  void f() {\n    throw new UnsupportedOperationException("TODO adaptive");\n'
                    "  }\n}\n", [("java", 3, "error")]),
])
def test_the_jvm_kin_of_not_implemented_in_new_code(path, code, expected):
    assert scan_other(path, code) == expected
    assert scan_other(path, code, scope="all") == [e for e in expected if e[2] == "error"]


BRACE_BRANCHES = {  # the issue's example in each brace language: (path, code with {message})
    "go": ("budget.go", 'package budget\n\nfunc Budget(s string, n int) int {\n\tif s == "fixed" {\n\t\treturn n\n'
                        '\t}\n\tif s == "adaptive" {\n\t\tpanic({message})\n\t}\n\treturn n / 2\n}\n', 8),
    "rust": ("budget.rs", 'fn budget(s: &str, n: u32) -> u32 {\n    match s {\n        "fixed" => n,\n'
                          '        "adaptive" => panic!({message}),\n        _ => n / 2,\n    }\n}\n', 4),
    "javascript": ("budget.js", 'export function budget(s, n) {\n  if (s === "fixed") return n;\n'
                                '  if (s === "adaptive") throw new NotImplementedError({message});\n  return n / 2;\n}\n', 3),
    "typescript": ("budget.ts", 'export function budget(s: string, n: number): number {\n  switch (s) {\n'
                                '    case "fixed": return n;\n    case "adaptive":\n'
                                '      throw new NotImplementedException({message});\n  }\n  return n / 2;\n}\n', 5),
    "swift": ("Budget.swift", 'func budget(_ s: String, _ n: Int) -> Int {\n    if s == "fixed" { return n }\n'
                              '    if s == "adaptive" { fatalError({message}) }\n    return n / 2\n}\n', 3),
    "cpp": ("budget.cpp", 'int budget(const std::string& s, int n) {\n  if (s == "fixed") return n;\n'
                          '  if (s == "adaptive") throw NotImplementedError({message});\n  return n / 2;\n}\n', 3),
}
RULE_OF = {"typescript": "javascript"}


def with_message(code: str, message: str) -> str:
    return code.replace("{message}", message)


KIN = ("javascript", "typescript", "cpp")  # a throw of a NotImplemented... type
ABORTS = ("go", "rust", "swift")  # panic / fatalError: the language's ordinary error handling


@pytest.mark.parametrize("lang", KIN)
def test_the_brace_kin_in_one_branch_is_a_warning_on_a_diff(lang):
    path, code, line = BRACE_BRANCHES[lang]
    rule = RULE_OF.get(lang, lang)
    assert scan_other(path, with_message(code, '"adaptive retry budgets"')) == [(rule, line, "warning")]
    assert scan_other(path, with_message(code, '"adaptive retry budgets"'), scope="all") == []


@pytest.mark.parametrize("lang", ABORTS)
def test_an_ordinary_abort_counts_only_when_it_says_unfinished(lang):
    path, code, _ = BRACE_BRANCHES[lang]
    assert scan_other(path, with_message(code, '"adaptive retry budgets"')) == []


@pytest.mark.parametrize(("path", "code"), [  # a review found these reported as "unfinished branch?"
    ("counter.go", 'func Add(n, delta int) int {\n\tif n+delta < 0 {\n\t\tpanic("counter: negative value")\n'
                   "\t}\n\treturn n + delta\n}\n"),
    ("wait.go", 'func (wg *WaitGroup) Add(d int) {\n\tif wg.n < 0 {\n\t\tpanic("sync: negative WaitGroup counter")'
                "\n\t}\n}\n"),
    ("mux.go", 'func Handle(p string) {\n\tif seen[p] {\n\t\tpanic("http: multiple registrations for " + p)\n'
               "\t}\n}\n"),
    ("conf.go", 'func Load(p string) {\n\tif err != nil {\n\t\tpanic(fmt.Errorf("failed to open config: %w", err))'
                "\n\t}\n}\n"),
    ("net.rs", 'fn bind(port: u16) {\n    if port == 0 {\n        panic!("failed to bind socket on port {}", port);\n'
               "    }\n}\n"),
    ("Store.swift", 'func load() {\n    if let error = error as NSError? {\n'
                    '        fatalError("Unresolved error \\(error), \\(error.userInfo)")\n    }\n}\n'),
    ("Model.swift", 'func model() -> URL {\n    guard let url = url else { fatalError("Failed to find data model") }\n'
                    "    return url\n}\n"),
])
def test_ordinary_error_handling_of_go_rust_and_swift_is_not_a_todo_throw(path, code):
    assert scan_other(path, code) == []


@pytest.mark.parametrize("lang", sorted(BRACE_BRANCHES))
@pytest.mark.parametrize("message", ['"adaptive budgets: not yet"', '"implement adaptive later"', '"stub"'])
def test_a_brace_kin_whose_message_says_unfinished_is_an_error(lang, message):
    path, code, line = BRACE_BRANCHES[lang]
    assert scan_other(path, with_message(code, message)) == [(RULE_OF.get(lang, lang), line, "error")]


@pytest.mark.parametrize("lang", sorted(BRACE_BRANCHES))
@pytest.mark.parametrize("message", ['"unknown strategy"', '"adaptive is not supported"', '"unreachable"',
                                     '"invalid state: should never happen"'])
def test_a_deliberate_brace_throw_is_not_reported(lang, message):
    path, code, _ = BRACE_BRANCHES[lang]
    assert scan_other(path, with_message(code, message)) == []


@pytest.mark.parametrize(("path", "code"), [
    ("budget.go", "func f() {\n\tpanic(err)\n}\n"),  # an error value, no message to read
    ("budget.rs", 'fn f() -> u8 {\n    unreachable!("checked above")\n}\n'),
    ("budget.ts", 'function f(n: number) {\n  if (n < 0) throw new Error("adaptive retry budgets");\n}\n'),
    ("Budget.swift", "func f() -> Int {\n    fatalError()\n}\n"),
])
def test_ordinary_throws_of_brace_languages_stay_silent(path, code):
    assert scan_other(path, code) == []


def test_a_brace_kin_in_a_test_file_is_not_a_warning():
    path, code, _ = BRACE_BRANCHES["go"]
    text = with_message(code, '"adaptive retry budgets"')
    source = SourceFile("budget_test.go", text, is_test=True, language="go")
    ctx = ScanContext(files=[source], repo=OneFileRepository("budget_test.go", text), scope="diff")
    assert list(SCANNER.scan(ctx)) == []


def test_scan_pattern_warns_only_when_asked_for_a_diff():
    from readiness.core.scan.scanners._todo_patterns import LANGS, scan_pattern

    source = SourceFile("Budget.kt", 'fun f(): Int {\n    throw NotImplementedError("adaptive")\n}\n', language="kotlin")
    assert [(f.line, str(f.severity)) for f in scan_pattern(source, LANGS["kotlin"], diff=True)] == [(2, "warning")]
    assert list(scan_pattern(source, LANGS["kotlin"])) == []
