"""The scan cache keeps no raw path (issue 14 review): a token in a file name never reaches
`.git/readiness/scan-cache.json`, whether the file is read, holds a flaky marker or does not parse; the files read
and the markers are kept as positions in the list of files in scope, and a hit gives the report a fresh scan gives."""

from __future__ import annotations

import random

from readiness.core.pipeline.cache import cache_file
from readiness.core.pipeline.run import CheckOptions, run_check


def report_of(path, **options):
    report = run_check(CheckOptions(repo=str(path), **options))
    return ([(f.id, f.rule, f.path, f.line, f.message) for f in report.findings], report.notes,
            [(c.id, [(i.id, i.status, i.detail) for i in c.items]) for c in report.checklists], report.verdict)


def test_a_token_in_a_file_name_never_reaches_the_cache(git_repo, fake_secrets):
    token = fake_secrets["github-token"][0](random.Random(7))
    git_repo.write("README.md", "# r\n## Usage\nx\n## Troubleshooting\ny\n")
    git_repo.write("pkg/__init__.py", '"""P."""\n')
    git_repo.commit("init")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write(f"tests/test_{token}.py", "import pytest\n\n\n@pytest.mark.flaky\ndef test_x():\n    assert 1\n")
    git_repo.write(f"pkg/bad_{token}.py", "def broken(:\n")
    git_repo.write("pkg/calc.py", "def add(a, b):\n    return a + b\n")
    git_repo.commit("feature")
    fresh = report_of(git_repo.path, use_cache=False)
    first = report_of(git_repo.path)  # a miss: scanned and kept
    hit = report_of(git_repo.path)  # answered from the cache
    stored = cache_file(git_repo.path / ".git").read_text(encoding="utf-8")
    assert token not in stored and token[4:] not in stored
    assert fresh == first == hit
    assert any("pkg/bad_" in note for note in hit[1])  # the parse note survives the hit, masked
