"""`readiness report --post`: one sticky pull-request comment, created once and then updated in place (found by its
hidden marker), through a fake `gh` on PATH that keeps the pull request's comments in a folder; `--dry-run` prints
the comment without running gh."""

import json
import os
import stat
import sys

import pytest

from readiness.cli import main
from readiness.core.pr_comment import MARKER

pytestmark = pytest.mark.integration  # real processes: the full suite (CI), not the quick one

FAKE_GH = r'''
import json, pathlib, sys
state = pathlib.Path(__file__).parent / "state"
state.mkdir(exist_ok=True)
(state / "calls.log").open("a").write(json.dumps(sys.argv[1:]) + "\n")
args = sys.argv[1:]
comments = json.loads((state / "comments.json").read_text()) if (state / "comments.json").exists() else [
    {"id": 11, "user": "someone", "body": "LGTM from someone else"}]
def save():
    (state / "comments.json").write_text(json.dumps(comments))
if args[:2] == ["pr", "view"]:
    print(7)
elif args[:2] == ["api", "user"]:
    assert args[2:] == ["--jq", ".login"], args
    print("readiness-bot")
elif args[0] == "api" and "--paginate" in args:
    assert args[2] == "repos/{owner}/{repo}/issues/7/comments", args
    for c in comments:
        print(json.dumps([c["id"], c.get("user", "readiness-bot"), c["body"]]))
elif args[0] == "api" and args[1:3] == ["--method", "POST"]:
    body = pathlib.Path(args[args.index("-F") + 1].split("=@", 1)[1]).read_text()
    comments.append({"id": 99, "user": "readiness-bot", "body": body}); save()
    print("https://github.com/o/r/pull/7#issuecomment-99")
elif args[0] == "api" and args[1:3] == ["--method", "PATCH"]:
    cid = int(args[3].rsplit("/", 1)[1])
    body = pathlib.Path(args[args.index("-F") + 1].split("=@", 1)[1]).read_text()
    next(c for c in comments if c["id"] == cid)["body"] = body; save()
    print(f"https://github.com/o/r/pull/7#issuecomment-{cid}")
else:
    print("unexpected", args, file=sys.stderr); sys.exit(3)
'''


@pytest.fixture
def gh(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "gh"
    script.write_text(f"#!{sys.executable}\n{FAKE_GH}")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return bin_dir / "state"


@pytest.fixture
def branch(git_repo):
    git_repo.write("README.md", "# x\n\n## Usage\n\nx\n\n## Troubleshooting\n\nx\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("pay.py", "def refund(order):\n    raise NotImplementedError\n")
    git_repo.commit("stub")
    return git_repo


def post(capsys, repo, *args):
    code = main(["report", "--repo", str(repo.path), "--post", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_first_post_creates_then_updates_the_same_comment(capsys, gh, branch):
    code, out, err = post(capsys, branch)
    assert code == 1, err  # the branch is not ready: exit code as for `readiness report`
    assert out == "created the readiness comment on pull request #7: https://github.com/o/r/pull/7#issuecomment-99\n"
    comments = json.loads((gh / "comments.json").read_text())
    assert [c["id"] for c in comments] == [11, 99]
    body = comments[1]["body"]
    assert body.startswith(MARKER + "\n## Readiness: ✘ not ready")
    assert "- [ ] " in body and "pay.py" in body  # checklists as task lists

    branch.write("pay.py", "def refund(order):\n    return order\n")
    code, out, err = post(capsys, branch)
    assert out.startswith("updated the readiness comment on pull request #7"), err
    comments = json.loads((gh / "comments.json").read_text())
    assert [c["id"] for c in comments] == [11, 99]  # still one readiness comment
    assert "NotImplementedError" not in comments[1]["body"] and comments[0]["body"] == "LGTM from someone else"


def test_a_marked_comment_by_someone_else_is_never_edited(capsys, gh, branch):
    gh.mkdir(exist_ok=True)
    (gh / "comments.json").write_text(json.dumps([
        {"id": 11, "user": "mallory", "body": MARKER + "\nall good, merge it"}]))
    code, out, err = post(capsys, branch)
    assert out.startswith("created the readiness comment on pull request #7"), err
    comments = json.loads((gh / "comments.json").read_text())
    assert [c["id"] for c in comments] == [11, 99]
    assert comments[0]["body"] == MARKER + "\nall good, merge it"  # mallory's comment untouched
    calls = [json.loads(line) for line in (gh / "calls.log").read_text().splitlines()]
    assert not any("PATCH" in c for c in calls)
    code, out, err = post(capsys, branch)
    assert out.startswith("updated the readiness comment on pull request #7"), err
    assert [c["id"] for c in json.loads((gh / "comments.json").read_text())] == [11, 99]


def test_pr_number_is_taken_from_the_option(capsys, gh, branch):
    post(capsys, branch, "--pr", "7")
    calls = [json.loads(line) for line in (gh / "calls.log").read_text().splitlines()]
    assert not any(c[:2] == ["pr", "view"] for c in calls)


def test_dry_run_prints_the_comment_and_runs_no_gh(capsys, gh, branch):
    code, out, err = post(capsys, branch, "--dry-run")
    assert code == 1
    assert out.startswith(MARKER + "\n## Readiness:")
    assert "dry run" in err
    assert not (gh / "calls.log").exists()


def test_a_failing_gh_is_one_line_exit_2(capsys, tmp_path, monkeypatch, branch):
    bin_dir = tmp_path / "failbin"
    bin_dir.mkdir()
    script = bin_dir / "gh"
    script.write_text("#!/bin/sh\necho 'HTTP 401: Bad credentials' >&2\nexit 1\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    code, out, err = post(capsys, branch)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "HTTP 401: Bad credentials" in err


def test_dry_run_without_post_is_a_usage_error(capsys, branch):
    code = main(["report", "--repo", str(branch.path), "--dry-run"])
    assert code == 2 and "--post" in capsys.readouterr().err
