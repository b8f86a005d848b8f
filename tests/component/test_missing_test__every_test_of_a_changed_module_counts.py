"""missing-test/negative-test on a pull request: every test that imports the changed module is read, not only the
first one found (a review found a negative test in tests/test_b.py missed because tests/test_a.py also imported
the module, so the diff scope reported what `--all` did not)."""

from __future__ import annotations

import pytest

from readiness.core.pipeline.run import CheckOptions, run_check

MODULE = 'def compute(x):\n    """Doc."""\n    if x < 0:\n        raise ValueError("negative")\n    return x + {n}\n'
PLAIN = "from pkg.mod import compute\n\n\ndef test_adds():\n    assert compute(1) == 3\n"
NEGATIVE = ("import pytest\n\nfrom pkg.mod import compute\n\n\ndef test_negative():\n    with pytest.raises(ValueError):\n"
            "        compute(-1)\n")


@pytest.mark.parametrize(("first", "second"), [(PLAIN, NEGATIVE), (NEGATIVE, PLAIN)])
def test_a_negative_test_in_any_importing_test_counts(git_repo, first, second):
    git_repo.write("pkg/__init__.py", '"""P."""\n')
    git_repo.write("pkg/mod.py", MODULE.format(n=1))
    git_repo.write("tests/test_a.py", first)
    git_repo.write("tests/test_b.py", second)
    git_repo.write("README.md", "# R\n## Usage\nx\n## Troubleshooting\ny\n")
    git_repo.commit("init")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("pkg/mod.py", MODULE.format(n=2))
    git_repo.commit("change")
    for scope in ("diff", "all"):
        report = run_check(CheckOptions(repo=str(git_repo.path), scope=scope, use_cache=False))
        assert [f.rule for f in report.findings if f.category == "missing-test"] == [], scope
