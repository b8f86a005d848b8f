"""silent-failure in Go: `_ = x` and an empty `if x != nil {}` are reported only when `x` is an error variable by
Go's naming convention: `err`, `errs`, `err2`, `errRead`/`err_read` (a lower-case `err` ending the name or followed
by a digit, `s`, an upper-case letter or `_`), and names ending in `Err`/`Error` with an upper-case E (`readErr`,
`closeErrs`, `parseError`). Words that merely contain the letters (`stderr`, `interrupted`, `terraformVersion`,
`deferredCleanup`, `errand`, `server`, `transferred`) are not errors."""

import pytest

from readiness.core.scan import engine as scan
from readiness.core.scan.base import ScanContext, SourceFile, language_of

ERRORS = ["err", "errs", "err2", "errRead", "err_read", "readErr", "closeErr", "closeErrs", "parseError", "writeErr2",
          "read_err"]
NOT_ERRORS = ["stderr", "interrupted", "terraformVersion", "deferredCleanup", "errand", "server",
              "transferred", "erroneous", "error_count_total", "ErrNotFound", "readErrCh", "x"]


def _found(text: str) -> list[tuple[str, int]]:
    source = SourceFile(path="a.go", text=text, language=language_of("a.go"), new=True)
    findings = scan.run(ScanContext(files=[source], repo=None), scanners=["silent-failure"])
    return [(f.rule.split("/")[1], f.line) for f in findings]


@pytest.mark.parametrize("name", ERRORS)
def test_an_error_variable_discarded_or_ignored_is_reported(name):
    text = f"package a\n\nfunc f() {{\n\t_ = {name}\n\tif {name} != nil {{\n\t}}\n\tif x := g(); {name} != nil {{ }}\n}}\n"
    assert _found(text) == [("go-discarded-error", 4), ("go-empty-error-branch", 5), ("go-empty-error-branch", 7)]


@pytest.mark.parametrize("name", NOT_ERRORS)
def test_a_name_that_only_contains_err_is_not_an_error(name):
    text = f"package a\n\nfunc f() {{\n\t_ = {name}\n\tif {name} != nil {{\n\t}}\n\tif x := g(); {name} != nil {{ }}\n}}\n"
    assert _found(text) == []


def test_a_handled_error_is_not_reported():
    text = "package a\n\nfunc f() error {\n\tif readErr != nil {\n\t\treturn readErr\n\t}\n\treturn nil\n}\n"
    assert _found(text) == []
