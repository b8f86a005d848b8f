"""`readiness check --all` on a real repository with code in several languages: printed-secret reports secrets and
secret-named environment variables that reach print or log calls (qualified Rust log macros included), and not
what the rule's fix recommends printing instead (set or not, a few characters, a masked form) or counts of a
language model's tokens."""

from __future__ import annotations

import json

from readiness.cli import main

FILES = {
    "cmd/main.go": """package main

import (
	"fmt"
	"log"
	"os"
)

func main() {
	token := os.Getenv("GITHUB_TOKEN")
	log.Printf("token set: %t", token != "")
	log.Printf("token: %s...", token[:4])
	fmt.Println("key:", os.Getenv("API_KEY"))
	log.Printf("%s", token)
}
""",
    "web/app.ts": """export function show(config: any, resp: any) {
  console.log("has token:", !!config.token, mask(config.apiKey));
  console.log("completion tokens", resp.usage.completionTokens);
  console.log(config.token);
}
""",
    "lib/task.rb": """def run
  puts "set" if ENV["API_TOKEN"]
  puts ENV["API_TOKEN"]
end
""",
    "src/lib.rs": """pub fn login(token: &str) {
    log::info!("token length {}", token.len());
    tracing::info!(token = %token, "login");
}
""",
    "tools/usage.py": """def report(usage, resp):
    print(f"tokens used: {usage.tokens}")
    print(f"Token budget remaining: {resp.remaining_tokens}")
""",
}


def test_secrets_reaching_output_are_reported_and_what_the_fix_recommends_is_not(make_git_repo, capsys):
    repo = make_git_repo("polyglot")
    for path, text in FILES.items():
        repo.write(path, text)
    repo.commit("code")
    code = main(["check", "--repo", str(repo.path), "--all", "--no-cache", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    found = sorted((f["path"], f["line"], f["rule"]) for f in report["findings"]
                   if f["rule"].startswith("printed-secret/"))
    assert code == 1
    assert found == [("cmd/main.go", 13, "printed-secret/print"), ("cmd/main.go", 14, "printed-secret/log"),
                     ("lib/task.rb", 3, "printed-secret/print"), ("src/lib.rs", 3, "printed-secret/print"),
                     ("web/app.ts", 4, "printed-secret/print")]
