"""`readiness gates` in plain text (not a terminal) lists every selected gate: the ones skipped as untrusted send
no event while the others run, and used to be left out. The untrusted ones are named with what to do."""

from __future__ import annotations

from readiness.cli import main


def test_untrusted_gates_are_listed_with_the_trust_hint(gate_project, trust_home, capsys):
    gate_project.write("calc/ops.py", (gate_project.path / "calc/ops.py").read_text()
                       + "\n\ndef mul(a, b):\n    return a * b\n")
    code = main(["gates", "--repo", str(gate_project.path), "--only", "build,tests,coverage,smoke", "--no-cache"])
    out = capsys.readouterr().out
    rows = {line.split()[2]: line for line in out.splitlines() if line[:1] in ("✔", "✘", "–", "!")}
    assert list(rows) == ["build", "tests", "coverage", "smoke"]
    for gate in ("tests", "coverage", "smoke"):
        assert "skip" in rows[gate] and "untrusted: run `readiness trust`" in rows[gate]
    assert "gates: 1 pass, 3 skip" in out
    assert "untrusted: run `readiness trust` to run tests, coverage, smoke (or pass --trust)" in out
    assert code == 0


def test_no_trust_hint_when_nothing_was_skipped_for_trust(gate_project, trust_home, capsys):
    code = main(["gates", "--repo", str(gate_project.path), "--only", "build", "--no-cache"])
    out = capsys.readouterr().out
    assert "build" in out and "readiness trust" not in out
    assert code == 0
