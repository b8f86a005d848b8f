"""One verdict: for every repository state, `readiness check`'s exit code, the JSON `verdict`, the markdown headline,
the text report's last line and the TUI's headline say the same thing."""

from __future__ import annotations

import json

import pytest
from tui_helpers import build_demo_repo, make_app, run, screen_text, settle, wait_for

from readiness.cli import main
from readiness.core.models import Verdict

REPORT_ONLY = '[tool.readiness]\nfail_on = "never"\n'


def _plain(repo):
    """main with a tested module, a branch that adds a tested function: little to object to."""
    repo.write("README.md", "# calc\n\nAdds numbers.\n")
    repo.write("calc/__init__.py", "")
    repo.write("calc/ops.py", '"""Operations."""\n\n\ndef add(a, b):\n    """Sum."""\n    return a + b\n')
    repo.write("tests/test_ops.py", "from calc.ops import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n")
    repo.commit("initial")
    repo.git("checkout", "-q", "-b", "feature/mul")
    repo.write("calc/ops.py", (repo.path / "calc/ops.py").read_text()
               + '\n\ndef mul(a, b):\n    """Product."""\n    return a * b\n')
    repo.write("tests/test_ops.py", (repo.path / "tests/test_ops.py").read_text()
               + "\n\ndef test_mul():\n    from calc.ops import mul\n    assert mul(2, 3) == 6\n")
    repo.commit("mul")
    return repo


def _findings(repo):
    return build_demo_repo(repo)  # a stub, secrets, a swallowed exception, an untested module; blocker B1 open


def _confirmations_only(repo):
    _plain(repo).write("pyproject.toml", REPORT_ONLY)  # findings only reported: what is left awaits you
    # a change that writes a file: the persistence item applies to it and awaits a confirmation
    repo.write("calc/ops.py", (repo.path / "calc/ops.py").read_text()
               + '\n\ndef save(path, value):\n    """Persist."""\n    with open(path, "w") as handle:\n'
               + '        handle.write(str(value))\n')
    return repo


def _strict(repo):
    _plain(repo).write("pyproject.toml", REPORT_ONLY + "strict = true\n")
    return repo


def _lint_failed(repo):
    _plain(repo).write("calc/extra.py", "import os\n")
    assert main(["check", "--repo", str(repo.path), "--gates", "lint", "--format", "json"]) == 1
    return repo


def _lint_stale(repo):
    _lint_failed(repo).write("calc/extra.py", "import os\n\nprint(os.sep)\n")
    return repo


def _no_base(repo):
    repo.write("README.md", "# solo\n")
    repo.commit("initial")
    repo.write("todo.py", "def later():\n    raise NotImplementedError\n")
    return repo


STATES = {"clean": _plain, "findings": _findings, "confirmations only": _confirmations_only, "strict": _strict,
          "gate failed": _lint_failed, "gate stale": _lint_stale, "no base": _no_base}


def _cli(capsys, repo, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["check", "--repo", str(repo.path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _tui_headline(repo, *, broken: bool = False) -> str:
    app = make_app(repo)
    seen: list[str] = []

    async def drive() -> None:
        async with app.run_test(size=(160, 40)) as pilot:
            if broken:  # nothing can be scanned: the verdict carries the error
                await wait_for(pilot, lambda: app.state.scan_error is not None, what="the scan error")
                await pilot.pause()
            else:
                await settle(app, pilot)
            seen.append(screen_text(app))

    run(drive())
    return seen[0]


@pytest.mark.parametrize("state", list(STATES))
def test_every_front_end_states_one_verdict(capsys, git_repo, trust_home, state) -> None:
    repo = STATES[state](git_repo)
    code, text, _ = _cli(capsys, repo)
    sentence = text.rstrip("\n").splitlines()[-1]
    assert sentence.startswith("✔ ready" if code == 0 else "✘ not ready"), sentence

    json_code, out, _ = _cli(capsys, repo, "--format", "json")
    document = json.loads(out)
    data = document["verdict"]
    verdict = Verdict(ready=data["ready"], findings=data["failing"]["findings"], gates=data["failing"]["gates"],
                      items=data["failing"]["items"], awaiting=data["awaiting"], gates_not_run=data["gates_not_run"])
    assert (json_code, document["ready"], verdict.sentence()) == (code, code == 0, sentence)

    md_code, markdown, _ = _cli(capsys, repo, "--format", "markdown")
    assert md_code == code
    assert markdown.splitlines()[0] == f"## Readiness: {sentence}"

    assert sentence in _tui_headline(repo)


def test_the_states_cover_ready_and_not_ready(capsys, git_repo, tmp_path, trust_home) -> None:
    """The table above is not vacuous: strictness alone turns a ready run with items still open (gates not run,
    confirmations) into not ready, and a failed gate read from the store makes the run not ready."""
    repo = _confirmations_only(git_repo)
    code, text, _ = _cli(capsys, repo)
    last = text.splitlines()[-1]
    assert code == 0 and last.startswith("✔ ready: ") and ("awaiting you" in last or "not run" in last)
    repo.write("pyproject.toml", REPORT_ONLY + "strict = true\n")
    code, text, _ = _cli(capsys, repo)
    assert code == 1 and text.splitlines()[-1].startswith("✘ not ready: ")


def test_an_invalid_configuration_is_one_line_everywhere(capsys, git_repo, trust_home) -> None:
    repo = _plain(git_repo)
    repo.write("pyproject.toml", '[tool.readiness]\nfail_on = "sometimes"\n')
    code, out, err = _cli(capsys, repo, "--format", "json")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "fail_on" in err
    code, out, err = _cli(capsys, repo)
    assert (code, out) == (2, "") and err.count("\n") == 1
    headline = _tui_headline(repo, broken=True)
    assert "Invalid configuration" in headline and "fail_on" in headline
