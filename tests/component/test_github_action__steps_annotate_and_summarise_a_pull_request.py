"""The composite action (action.yml) and the example workflow: valid YAML, inputs never pasted into scripts, and its
bash steps, run as the runner would in a shallow clone of a pull request, deepen the history to the merge-base,
write the markdown report to the job summary, annotate the new TODO throw and set `ready`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = {step.get("name"): step for step in ACTION["runs"]["steps"]}


def test_action_is_a_composite_action_with_its_inputs_passed_through_the_environment():
    assert ACTION["runs"]["using"] == "composite"
    assert {"base", "fail-on", "gates", "sarif"} <= set(ACTION["inputs"])
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")  # no script injection through inputs
    assert "--format github" in STEPS["readiness check"]["run"]
    assert "GITHUB_STEP_SUMMARY" in STEPS["readiness check"]["run"]


def test_the_gates_run_once_in_the_report_and_the_other_calls_read_their_stored_results(capsys, gate_project):
    script = STEPS["readiness check"]["run"]
    calls = [line for line in script.splitlines() if "readiness report" in line or "readiness check" in line]
    assert len(calls) == 3
    assert '"${run_gates[@]}"' in calls[0] and "--gates none" not in calls[0]
    assert all("--gates none" in call and "run_gates" not in call for call in calls[1:])
    assert script.count('--gates "$GATES"') == 1 and "run_gates=(--gates" in script

    import json

    from readiness.cli import main  # what the later calls rely on: the gate the report ran is in their reports

    main(["report", "--repo", str(gate_project.path), "--all", "--gates", "lint", "--trust"])
    assert "Lint" in capsys.readouterr().out
    main(["check", "--repo", str(gate_project.path), "--all", "--gates", "none", "--format", "json"])
    gates = {g["id"]: g for g in json.loads(capsys.readouterr().out)["gates"]}
    assert gates["lint"]["status"] == "pass"
    assert "last run: its files are unchanged" in gates["lint"]["summary"]


def test_example_workflow_uses_the_action_sarif_upload_and_the_sticky_comment():
    workflow = yaml.safe_load((ROOT / "examples" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["readiness"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("github/codeql-action/upload-sarif") for u in uses)
    assert any("readiness report" in s.get("run", "") and "--post" in s["run"] for s in steps)


def _run_step(name, cwd, env):
    step = STEPS[name]
    full = {**env, **{k: str(v) for k, v in step.get("env", {}).items() if "${{" not in str(v)}}
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_steps_on_a_shallow_pull_request_clone(tmp_path, git_repo):
    origin = git_repo
    origin.write("README.md", "# x\n\n## Usage\n\nx\n\n## Troubleshooting\n\nx\n")
    origin.commit("base")
    origin.git("checkout", "-q", "-b", "feature")
    origin.write("pay.py", 'def refund(order):\n    """Give it back."""\n    raise NotImplementedError\n')
    origin.commit("stub")
    for n in range(4):
        origin.write(f"notes{n}.md", f"# note {n}\n")
        origin.commit(f"note {n}")
    origin.git("checkout", "-q", "main")
    origin.write("CHANGELOG.md", "# changes\n")
    origin.commit("main moves on")
    work = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", "--depth=1", "--branch", "feature", f"file://{origin.path}", str(work)],
                   check=True)
    files = {name: tmp_path / name for name in ("env", "summary", "output")}
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_ENV": str(files["env"]), "GITHUB_STEP_SUMMARY": str(files["summary"]),
           "GITHUB_OUTPUT": str(files["output"])}
    fetch = _run_step("Fetch enough history for the merge-base", work, {
        **env, "BASE": "", "BASE_REF": "main", "DEEPEN": "2"})
    assert fetch.returncode == 0, fetch.stderr
    assert files["env"].read_text() == "BASE_FOR_READINESS=origin/main\n"
    check = _run_step("readiness check", work, {**env, "BASE_FOR_READINESS": "origin/main", "BASE": "",
                                                "FAIL_ON": "error", "GATES": "none", "SARIF": str(tmp_path / "r.sarif")})
    assert check.returncode == 1, check.stderr
    assert all(line.startswith("::") for line in check.stdout.splitlines())
    assert any(line.startswith("::error file=pay.py,line=3,title=readiness todo-throw/python-stub::")
               for line in check.stdout.splitlines())
    assert check.stderr.splitlines()[-1].startswith("✘ not ready")
    assert files["summary"].read_text().startswith("## Readiness: ✘ not ready")
    assert files["output"].read_text() == "ready=false\n"
    assert '"version": "2.1.0"' in (tmp_path / "r.sarif").read_text()
