"""printed-secret by pattern (languages other than Python): printing that a secret is set, its length, a few of its
characters, a masked form or a hash is the fix the rule recommends, not a printed secret; the secret itself next to
those forms still is."""

from __future__ import annotations

import pytest
from fakes import EmptyRepository

from readiness.core.scan.base import ScanContext, SourceFile, language_of
from readiness.core.scan.scanners.printed_secret import SCANNER


def scan(path: str, text: str):
    source = SourceFile(path, text, language=language_of(path))
    return [(f.rule.split("/")[1], f.line) for f in SCANNER.scan(ScanContext(files=[source], repo=EmptyRepository()))]


NOT_THE_SECRET = [
    # set or not: negation, boolean conversion, comparison, the condition of a ternary, predicates
    ("app.js", 'console.log("has token:", !!config.token);'),
    ("app.js", 'console.log("token set:", Boolean(config.apiKey));'),
    ("app.js", 'console.log("token set:", config.token !== undefined);'),
    ("app.ts", 'console.log("token present:", token ? "yes" : "no");'),
    ("app.ts", 'console.log(`password set: ${password !== ""}`);'),
    ("app.ts", 'console.log("set", typeof apiKey, !token, apiKey?.length > 0);'),
    ("app.js", 'console.log("token ok", token.startsWith("ghp_"), (token || "").trim().length);'),
    ("main.go", 'log.Printf("token set: %t", token != "")'),
    ("main.go", 'log.Printf("password empty: %v", password == "")'),
    ("main.go", 'fmt.Println("key set:", strings.TrimSpace(apiKey) != "", len(apiKey) > 0)'),
    ("App.java", 'log.info("password is {}", password == null ? "unset" : "set");'),
    ("App.java", 'log.debug("token present: {}", token != null);'),
    ("App.java", 'System.out.println(StringUtils.isNotBlank(config.getPassword()));'),
    ("Main.kt", 'println("token set: ${token.isNotEmpty()}")'),
    ("Main.kt", "println(if (token == null) \"unset\" else \"set\")"),
    ("main.rs", 'println!("{}", token.is_empty());'),
    ("app.rb", "puts api_token.nil?"),
    ("app.rb", 'puts "set" if api_token'),
    ("index.php", 'echo isset($password) ? "set" : "unset";'),
    ("index.php", "error_log(empty($apiKey) ? 'no key' : 'key');"),
    ("Program.cs", "Console.WriteLine(string.IsNullOrEmpty(password));"),
    ("main.swift", "print(token != nil, token.isEmpty)"),
    # a few characters
    ("main.go", 'log.Printf("token: %s...", token[:4])'),
    ("main.go", 'log.Printf("token: ...%s", token[len(token)-4:][:4])'),
    ("app.ts", 'console.log("token prefix", token.slice(0, 4) + "****");'),
    ("app.js", "console.log(`…${apiKey.slice(-4)}`);"),
    ("App.java", 'System.out.println(apiKey.substring(0, 4) + "****");'),
    ("Main.kt", 'println("token ${token.take(4)}****")'),
    ("main.rs", 'println!("{}****", &token[..4]);'),
    ("main.rs", 'println!("{}", token.chars().take(4).collect::<String>());'),
    ("app.rb", 'puts "token: #{api_token[0, 4]}****"'),
    ("index.php", 'echo substr($password, 0, 4) . "****";'),
    ("Program.cs", 'Console.WriteLine($"pw {password[..4]}****");'),
    ("main.swift", 'print("token \\(token.prefix(4))****")'),
    # masked, redacted, hashed, measured
    ("app.js", 'console.log("token:", mask(config.token));'),
    ("app.ts", 'console.log("token:", redact(token), utils.maskSecret(config.apiKey));'),
    ("app.js", 'console.log(crypto.createHash("sha256").update(token).digest("hex"));'),
    ("App.java", 'log.info("token: {}", mask(token));'),
    ("App.java", "System.out.println(DigestUtils.sha256Hex(apiKey));"),
    ("main.go", 'log.Printf("token: %s", mask(token))'),
    ("main.go", 'fmt.Printf("%x\\n", sha256.Sum256([]byte(password)))'),
    ("main.c", 'printf("%zu\\n", strlen(password));'),
    ("deploy.sh", 'echo "token length ${#API_TOKEN}"'),
    ("deploy.sh", 'echo "token ${API_TOKEN:0:4}****, set: ${API_TOKEN:+yes}"'),
]


@pytest.mark.parametrize(("path", "line"), NOT_THE_SECRET)
def test_set_masked_measured_or_cut_secrets_are_not_printed(path, line):
    assert scan(path, line + "\n") == []


THE_SECRET = [
    ("app.js", "console.log(config.token);"),
    ("app.js", 'console.log("token", ok ? token : "none");'),
    ("app.js", 'console.log(token ?? "none", apiKey || "unset");'),
    ("app.js", "console.log(token.slice(4));"),
    ("app.js", "console.log(token.substring(0, 40));"),
    ("app.js", "console.log(unmask(token));"),
    ("app.js", "console.log(!!token, token);"),
    ("app.ts", "console.log(`token ${token ? token : ''}`);"),
    ("main.go", 'log.Printf("%s", token)'),
    ("main.go", 'log.Printf("%s", token[4:])'),
    ("App.java", "System.out.println(apiKey);"),
    ("App.java", 'System.out.println(apiKey.substring(4) + "****");'),
    ("Main.kt", 'println(token ?: "none")'),
    ("app.rb", "puts api_token"),
    ("app.rb", 'puts api_token if api_token'),
    ("index.php", "echo substr($password, 4);"),
    ("main.rs", 'println!("{}", &token[4..]);'),
    ("deploy.sh", 'echo "${API_TOKEN:-none}"'),
]


@pytest.mark.parametrize(("path", "line"), THE_SECRET)
def test_the_secret_itself_is_still_printed(path, line):
    assert len(scan(path, line + "\n")) == 1


def test_python_that_does_not_parse_accepts_what_the_ast_path_accepts():
    lines = ['print("set" if token else "unset")', "print(token is not None, not password)",
             'print(f"{token[:4]}****", len(password))', "print(mask(token))"]
    broken = "def f(token, password):\n" + "".join(f"    {line}\n" for line in lines) + "    if x ==\n"
    assert scan("app.py", broken) == []
    assert scan("app.py", broken.replace("    if x ==", "    print(token)\n    if x ==")) == [("print", 6)]
