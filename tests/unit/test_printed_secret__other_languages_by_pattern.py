"""printed-secret outside Python, table-driven: print and logger calls whose arguments name a secret."""

from __future__ import annotations

import pytest
from fakes import EmptyRepository

from readiness.core.scan.base import ScanContext, SourceFile, language_of
from readiness.core.scan.scanners.printed_secret import SCANNER


def scan(path: str, text: str):
    source = SourceFile(path, text, language=language_of(path))
    return [(f.rule.split("/")[1], f.line) for f in SCANNER.scan(ScanContext(files=[source], repo=EmptyRepository()))]


TRUE = [
    ("App.java", 'System.out.println("pw: " + password);', "print"),
    ("App.java", "System.err.printf(\"%s%n\", user.getPassword());", "print"),
    ("App.java", 'logger.info("token {}", accessToken);', "log"),
    ("app.js", "console.log(apiKey);", "print"),
    ("app.js", "console.error(`Bearer ${token}`);", "print"),
    ("app.ts", "console.debug('secret', config.clientSecret);", "print"),
    ("app.ts", "log.debug({ password });", "log"),
    ("main.go", 'fmt.Println("secret", clientSecret)', "print"),
    ("main.go", 'fmt.Printf("%s\\n", apiKey)', "print"),
    ("main.go", 'log.Printf("token=%s", token)', "log"),
    ("main.rs", 'println!("{}", password);', "print"),
    ("main.rs", 'eprintln!("{api_key}");', "print"),
    ("main.rs", 'info!("token {:?}", token);', "print"),
    ("Program.cs", "Console.WriteLine($\"key {apiKey}\");", "print"),
    ("Program.cs", "Console.WriteLine(password);", "print"),
    ("main.swift", 'print("token: \\(authToken)")', "print"),
    ("main.c", 'printf("%s\\n", password);', "print"),
    ("main.cpp", 'std::cout << "pw " << password << std::endl;', "print"),
    ("app.rb", 'puts "token #{api_token}"', "print"),
    ("app.rb", "Rails.logger.info(password)", "log"),
    ("index.php", "echo $password;", "print"),
    ("index.php", '$logger->info("key", [$apiKey]);', "log"),
    ("Main.kt", 'println("secret $clientSecret")', "print"),
    ("deploy.sh", 'echo "token: $GITHUB_TOKEN"', "print"),
    ("deploy.sh", "echo $DB_PASSWORD", "print"),
    ("Main.scala", 'println(s"pw ${password}")', "print"),
]


@pytest.mark.parametrize(("path", "line", "kind"), TRUE)
def test_secret_in_print_or_log_arguments_is_reported(path, line, kind):
    assert scan(path, "// header\n" + line + "\n" if not path.endswith((".sh", ".rb")) else "# header\n" + line
                + "\n") == [(kind, 2)]


FALSE = [
    ("App.java", 'System.out.println("Enter your password:");'),
    ("App.java", "System.out.println(password.length());"),
    ("App.java", "System.out.println(passwordField.getLabel());"),
    ("app.js", 'console.log("password reset email sent");'),
    ("app.js", "// console.log(token)"),
    ("app.js", "/* console.log(apiKey) */"),
    ("app.js", "console.log(tokenCount, secretName, isSecret);"),
    ("app.js", "console.log(token.length);"),
    ("main.go", "fmt.Println(len(password))"),
    ("main.rs", 'println!("{}", password.len());'),
    ("deploy.sh", "echo '$PASSWORD is not expanded in single quotes'"),
    ("deploy.sh", "# echo $PASSWORD"),
    ("app.rb", 'puts "enter your password"'),
    ("main.c", 'printf("password: ");'),
    ("app.js", "console.log({ password: '***' });"),
]


@pytest.mark.parametrize(("path", "line"), FALSE)
def test_look_alikes_are_not_reported(path, line):
    assert scan(path, line + "\n") == []


def test_multiline_call_is_reported_on_the_secret_line():
    text = 'console.log(\n  "connecting",\n  password,\n);\n'
    assert scan("a.js", text) == [("print", 3)]


def test_lexer_files_use_token_for_lexer_tokens():
    text = "// a small lexer\nfunction lex(tokenizer) {\n  console.log(token);\n}\n"
    assert scan("lexer.js", text) == []


@pytest.mark.parametrize("line", ['echo "$SSH_PRIVATE_KEY" > "$KEY_PATH"',
                                  'echo "$REGISTRY_TOKEN" | docker login --password-stdin',
                                  'echo "newpassword" > "${NEW_VAULT_PASSWORD}"'])
def test_shell_redirects_and_pipes_do_not_print(line):
    assert scan("deploy.sh", line + "\n") == []
    assert scan("deploy.sh", 'echo "$TOKEN" >&2\n') == [("print", 1)]


@pytest.mark.parametrize("path", ["static/vendor/lib.js", "node_modules/pkg/index.js", "assets/app.min.js",
                                  "third_party/log/main.go"])
def test_vendored_code_is_not_the_changes_data_flow(path):
    code = 'fmt.Println("secret", clientSecret)' if path.endswith(".go") else "console.log(apiKey);"
    assert scan(path, code) == []
    assert scan(path.replace("vendor/", "src/").replace("node_modules/", "src/").replace(".min.js", ".js")
                .replace("third_party/", "cmd/"), code) == [("print", 1)]


@pytest.mark.parametrize(("path", "line"), [
    ("app.ts", 'console.log("completion tokens", resp.usage.completionTokens);'),
    ("app.js", "console.log(`tokens used: ${usage.tokens}`);"),
    ("app.ts", "logger.info(`remaining: ${resp.remainingTokens}, ${usage?.tokens}`);"),
    ("main.go", 'log.Printf("output tokens %d", resp.Usage.OutputTokens)'),
])
def test_counts_of_language_model_tokens_are_not_tokens(path, line):
    assert scan(path, line + "\n") == []


@pytest.mark.parametrize(("path", "line"), [("app.js", "console.log(config.apiTokens);"),
                                            ("app.js", "console.log(`${usage.authToken}`);"),
                                            ("main.go", 'log.Printf("%v", cfg.Tokens)')])
def test_credentials_named_tokens_are_still_reported(path, line):
    assert len(scan(path, line + "\n")) == 1
