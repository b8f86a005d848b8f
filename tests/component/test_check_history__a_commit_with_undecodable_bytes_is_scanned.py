"""A commit that adds a file in Latin-1 (bytes that are not UTF-8) is read like any other: the branch's history scan
keeps the undecodable bytes (surrogate escapes), and the secret detectors' automata, which refuse surrogates, see
them replaced one for one. `check`, `check --history` and `report` give a verdict instead of an internal error,
and a secret on such a line is still found and masked."""

from __future__ import annotations

import json
import random

from readiness.cli import main
from readiness.core.decode import without_surrogates
from readiness.core.secrets.find import find_secrets


def test_without_surrogates_keeps_offsets():
    text = "city = \"M\udcfcnchen\"\nok = 1"
    clean = without_surrogates(text)
    assert len(clean) == len(text) and "\udcfc" not in clean and clean.index("ok") == text.index("ok")
    assert without_surrogates("plain ascii") == "plain ascii"
    assert without_surrogates("caf\u00e9") == "caf\u00e9"


def test_a_secret_next_to_an_undecodable_byte_is_found(fake_secrets):
    token = fake_secrets["github-token"][0](random.Random(3))
    text = f'name = "caf\udce9"\nGH = "{token}"\n'
    assert [m.secret.reveal() for m in find_secrets(text)] == [token]


def test_latin1_commits_on_the_branch_and_in_history(make_git_repo, fake_secrets, capsys):
    token = fake_secrets["github-token"][0](random.Random(5))
    repo = make_git_repo("latin1")
    repo.write("README.md", "# app\n")
    repo.write("latin.py", b'name = "caf\xe9"\n')
    repo.commit("initial")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("lat2.py", f'city = "M\xfcnchen"\nGH = "{token}"\n'.encode("latin-1"))
    repo.commit("add lat2")
    repo.write("lat2.py", b'city = "M\xfcnchen"\n')
    repo.commit("drop the token")
    for argv in (["check", "--format", "json"], ["check", "--history", "--format", "json"]):
        code = main([*argv, "--repo", str(repo.path)])
        captured = capsys.readouterr()
        assert code == 1, captured.err
        assert "internal error" not in captured.err
        assert token not in captured.out + captured.err
        rules = {f["rule"] for f in json.loads(captured.out)["findings"]}
        assert "hardcoded-secret/in-history" in rules
    code = main(["report", "--repo", str(repo.path)])
    captured = capsys.readouterr()
    assert code in (0, 1) and "internal error" not in captured.err
