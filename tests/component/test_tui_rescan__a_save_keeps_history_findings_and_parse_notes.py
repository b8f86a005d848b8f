"""The TUI re-scans only the saved files; a save changes no commit, so the secrets the branch's history carries stay
reported (the headline must not flip to ready after one save), and the parse notes follow the saved file."""

from __future__ import annotations

import random
import string

from readiness.core.pipeline.rescan import rescan
from readiness.core.pipeline.run import CheckOptions, scan_repository

ALNUM = (string.ascii_letters + string.digits).replace("x", "").replace("X", "")


def test_a_save_keeps_the_history_finding_and_refreshes_the_parse_note(git_repo):
    rng = random.Random(3)
    value = "gh" + "p_" + "".join(rng.choice(ALNUM) for _ in range(36))
    git_repo.write("app.py", "def run():\n    return 1\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature/ci")
    git_repo.write("ci.py", f'GH = "{value}"\n')
    git_repo.commit("add CI config")
    git_repo.write("ci.py", 'import os\nGH = os.environ["GH"]\n')
    git_repo.commit("read it from the environment")
    git_repo.write("budget.py", "def spend(:\n")  # does not parse
    first = scan_repository(CheckOptions(repo=str(git_repo.path)))
    try:
        assert [f.rule for f in first.findings if f.path == "ci.py"] == ["hardcoded-secret/in-history"]
        assert any("budget.py does not parse" in n for n in first.notes)
        git_repo.write("budget.py", "def spend(amount):\n    return amount\n")  # the save fixes it
        second = rescan(first, "diff", ["budget.py"])
        assert [f.rule for f in second.findings if f.path == "ci.py"] == ["hardcoded-secret/in-history"]
        assert not any("does not parse" in n for n in second.notes), second.notes
        git_repo.write("budget.py", "def spend(:\n")
        third = rescan(second, "diff", ["budget.py"])
        assert sum("budget.py does not parse" in n for n in third.notes) == 1
    finally:
        first.repo.close()
