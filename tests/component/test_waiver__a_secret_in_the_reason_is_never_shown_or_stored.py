"""A waiver's reason is the user's text: a token pasted into it is masked wherever the reason is shown (text,
SARIF's justification, JSON) or stored (the scan cache under .git/readiness)."""

from __future__ import annotations

import json
import random
import string

from readiness.cli import main

ALNUM = (string.ascii_letters + string.digits).replace("x", "").replace("X", "")


def test_a_token_in_an_inline_waiver_reason_is_masked_everywhere(capsys, git_repo):
    rng = random.Random(7)
    value = "gh" + "p_" + "".join(rng.choice(ALNUM) for _ in range(36))
    git_repo.write("app.py", "def run():\n    return 1\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature/stub")
    git_repo.write("stub.py", f"def later():\n    # readiness: ignore[todo-throw] CI uses {value}\n"
                              "    raise NotImplementedError('TODO')\n")
    outputs = []
    for fmt in ("text", "json", "sarif", "markdown"):
        main(["check", "--repo", str(git_repo.path), "--format", fmt])
        out, err = capsys.readouterr()
        outputs.append(out + err)
    report = json.loads(outputs[1])
    waived = [f for f in report["findings"] if f["waived"]]
    assert waived, "the waiver applies"
    assert all(value not in text for text in outputs)
    assert any("ghp_****" in text for text in outputs)  # the reason is still shown, masked
    stored = "".join(p.read_text(errors="replace") for p in (git_repo.path / ".git/readiness").rglob("*")
                     if p.is_file())
    assert stored and value not in stored
