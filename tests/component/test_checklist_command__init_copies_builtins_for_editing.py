"""`readiness init --checklists` copies the built-in checklists into the repository, never over an existing file."""

import json
from importlib.resources import files

from readiness.cli import main

NAMES = ["implemented.toml", "merge.toml", "minimum-per-feature.toml", "quality-gates.toml", "ready-for-review.toml"]


def cli(capsys, repo, *args):
    code = main([*args, "--repo", str(repo.path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_copies_then_keeps_and_the_copies_take_effect(capsys, git_repo):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("base")
    code, out, err = cli(capsys, git_repo, "init", "--checklists")
    assert code == 0, err
    assert out.splitlines() == ["wrote readiness.toml", *(f"wrote checklists/{n}" for n in NAMES)]
    for name in NAMES:
        copied = (git_repo.path / "checklists" / name).read_bytes()
        assert copied == (files("readiness") / "checklists" / name).read_bytes()

    merge = git_repo.path / "checklists" / "merge.toml"
    edited = merge.read_text(encoding="utf-8").split("\n[[items]]\nid = \"smoke-test\"")[0] + "\n"
    merge.write_text(edited, encoding="utf-8")
    code, out, err = cli(capsys, git_repo, "init", "--checklists")
    assert code == 0 and out == ""
    assert "kept readiness.toml: the configuration exists already" in err
    assert all(f"kept checklists/{n}: it exists already" in err for n in NAMES)
    assert merge.read_text(encoding="utf-8") == edited

    _, out, _ = cli(capsys, git_repo, "checklist", "show", "merge", "--format", "json")
    assert [i["id"] for i in json.loads(out)["checklist"]["items"]] == ["unit-tests-cover-branches"]
    _, out, _ = cli(capsys, git_repo, "checklist", "list")
    assert "checklists/merge.toml (overrides the built-in)" in out


def test_without_the_flag_an_existing_configuration_is_still_refused(capsys, git_repo):
    git_repo.write("readiness.toml", 'checklists_dir = "review"\n')
    code, _, err = cli(capsys, git_repo, "init")
    assert code == 2 and "configuration already exists" in err
    code, out, _ = cli(capsys, git_repo, "init", "--checklists")
    assert code == 0 and out.splitlines()[0] == "wrote review/implemented.toml"
    assert (git_repo.path / "readiness.toml").read_text(encoding="utf-8") == 'checklists_dir = "review"\n'
