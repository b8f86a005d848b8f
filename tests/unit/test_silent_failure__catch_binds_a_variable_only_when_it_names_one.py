"""The one catch reader shared by silent-failure and the observability hint: what a `catch` clause binds, per
language. C# `catch (Exception)` names a type and binds nothing (the scanners used to disagree: one read the type as
the variable); an empty one is reported, one whose variable says the error is ignored on purpose is not."""

import pytest

from readiness.core.scan import engine as scan
from readiness.core.scan._source.braces import CATCH, block_body, catch_variable


@pytest.mark.parametrize("line, variable", [
    ("} catch (Exception) {", ""),  # C#: a type alone binds nothing
    ("} catch (System.IO.IOException) {", ""),
    ("} catch (Exception ex) {", "ex"),  # Java / C#
    ("} catch (final IOException | SQLException e) {", "e"),
    ("} catch (e: IOException) {", "e"),  # Kotlin
    ("} catch (err: unknown) {", "err"),  # TypeScript
    ("} catch (e) {", "e"),  # JavaScript
    ("} catch (\\Exception $e) {", "e"),  # PHP
    ("} catch let failure {", "failure"),  # Swift
    ("} catch {", ""),
])
def test_catch_variable(line, variable):
    match = CATCH.search(line)
    assert match is not None
    assert catch_variable(match) == variable


def test_block_body_ignores_braces_in_strings_and_comments():
    lines = ['catch (e) {', '  log("}");  // }', '  /* { */', '}', 'after();']
    assert block_body(lines, 0).split() == ['log("}");']
    assert block_body(['catch (e) {', '  x();'], 0) is None  # unclosed: no claim


@pytest.mark.parametrize("handler, reported", [
    ("catch (Exception) { }", True),
    ("catch (Exception) {\n  /* nothing\n     to do */\n}", True),
    ("catch (Exception ignored) { }", False),
    ("catch (Exception) { Log(1); }", False),
])
def test_csharp_catch_without_a_variable(git_repo, scan_context, handler, reported):
    git_repo.write("src/Pay.cs", "class Pay {\n  void Do() {\n    try { Run(); }\n    " + handler + "\n  }\n}\n")
    findings = scan.run(scan_context(git_repo), scanners=["silent-failure"])
    assert [f.rule for f in findings] == (["silent-failure/empty-catch"] if reported else [])
