"""printed-secret by pattern: a secret-named environment variable read inside print or log arguments is a printed
secret in every language (its name is a string literal, blanked before matching, and read from the text), and the
qualified Rust log macros (`log::info!`, `tracing::warn!`) are sinks like the bare ones."""

from __future__ import annotations

import pytest
from fakes import EmptyRepository

from readiness.core.scan.base import ScanContext, SourceFile, language_of
from readiness.core.scan.scanners.printed_secret import SCANNER
from readiness.core.secrets.rules.sinks import SINKS


def scan(path: str, text: str):
    source = SourceFile(path, text, language=language_of(path))
    return [(f.rule.split("/")[1], f.line, f.message)
            for f in SCANNER.scan(ScanContext(files=[source], repo=EmptyRepository()))]


READS = [
    ("main.go", 'fmt.Println("token:", os.Getenv("GITHUB_TOKEN"))', "print", 'os.Getenv("GITHUB_TOKEN")'),
    ("main.go", 'log.Printf("key=%s", os.Getenv("API_KEY"))', "log", 'os.Getenv("API_KEY")'),
    ("main.go", 'v, _ := 1, 2; fmt.Println(os.LookupEnv("DB_PASSWORD"))', "print", 'os.LookupEnv("DB_PASSWORD")'),
    ("App.java", 'System.out.println("apiKey=" + System.getenv("API_KEY"));', "print", 'System.getenv("API_KEY")'),
    ("Main.kt", 'println(System.getenv("CLIENT_SECRET"))', "print", 'System.getenv("CLIENT_SECRET")'),
    ("Main.scala", 'println(sys.env("API_TOKEN"))', "print", 'sys.env("API_TOKEN")'),
    ("Program.cs", 'Console.WriteLine(Environment.GetEnvironmentVariable("API_KEY"));', "print",
     'Environment.GetEnvironmentVariable("API_KEY")'),
    ("app.rb", 'puts ENV["API_TOKEN"]', "print", 'ENV["API_TOKEN"]'),
    ("app.rb", "Rails.logger.info(ENV.fetch('DB_PASSWORD', nil))", "log", "ENV.fetch('DB_PASSWORD')"),
    ("main.rs", 'println!("{}", std::env::var("API_KEY").unwrap());', "print", 'std::env::var("API_KEY")'),
    ("main.rs", 'eprintln!("{:?}", env::var("GITHUB_TOKEN")?);', "print", 'env::var("GITHUB_TOKEN")'),
    ("main.rs", 'println!("{}", env!("SIGNING_KEY"));', "print", 'env!("SIGNING_KEY")'),
    ("index.php", "echo getenv('API_KEY');", "print", "getenv('API_KEY')"),
    ("index.php", "error_log('key ' . $_ENV['STRIPE_SECRET']);", "print", "$_ENV['STRIPE_SECRET']"),
    ("main.c", 'printf("%s\\n", getenv("DB_PASSWORD"));', "print", 'getenv("DB_PASSWORD")'),
    ("app.ts", 'console.log(process.env["NPM_TOKEN"]);', "print", 'process.env["NPM_TOKEN"]'),
    ("main.swift", 'print(ProcessInfo.processInfo.environment["API_TOKEN"] ?? "")', "print",
     'environment["API_TOKEN"]'),
]


@pytest.mark.parametrize(("path", "line", "kind", "label"), READS)
def test_a_secret_named_environment_variable_read_in_the_arguments_is_reported(path, line, kind, label):
    assert scan(path, line + "\n") == [(kind, 1, f"`{label}` reaches {_sink(path, line)}: the secret would be "
                                                 f"{'logged' if kind == 'log' else 'printed'}")]


def _sink(path: str, line: str) -> str:
    language = language_of(path)
    assert language is not None
    match = SINKS[language].search(line)
    assert match is not None
    return "".join(match.group().split()).rstrip("(<")


@pytest.mark.parametrize(("path", "line"), [
    ("main.go", 'fmt.Println("home:", os.Getenv("HOME"), os.Getenv(name), os.Getenv("TOKEN_PATH"))'),
    ("main.go", 'log.Printf("key set: %t", os.Getenv("API_KEY") != "")'),
    ("main.go", 'log.Printf("key length: %d", len(os.Getenv("API_KEY")))'),
    ("App.java", 'System.out.println(System.getenv("API_KEY") == null ? "unset" : "set");'),
    ("app.rb", 'puts ENV["API_TOKEN"].nil?'),
    ("app.rb", 'puts "API_TOKEN"'),
    ("main.rs", 'println!("{}", std::env::var("API_KEY").is_ok());'),
    ("index.php", "echo getenv('API_KEY') ? 'set' : 'unset';"),
    ("app.ts", 'console.log(mask(process.env["NPM_TOKEN"]));'),
    ("main.go", '// fmt.Println(os.Getenv("GITHUB_TOKEN"))'),
])
def test_other_variables_and_set_or_masked_reads_are_not(path, line):
    assert scan(path, line + "\n") == []


def test_an_environment_read_in_python_that_does_not_parse_is_reported():
    text = 'import os\ndef f():\n    print(os.getenv("API_TOKEN"))\n    if x ==\n'
    assert [(kind, line) for kind, line, _ in scan("app.py", text)] == [("print", 3)]


@pytest.mark.parametrize("line", ['log::info!("token {}", token);', 'tracing::info!(token = %token, "login");',
                                  'tracing::warn!("{password}");', 'std::println!("{}", api_key);',
                                  'log::debug!(\n    "key {}",\n    api_key\n);'])
def test_qualified_rust_macros_are_sinks(line):
    found = scan("main.rs", "fn f() {\n" + line + "\n}\n")
    assert [kind for kind, _, _ in found] == ["print"]
    assert found[0][2].split(" reaches ")[1].startswith(line.split("!")[0] + "!")


@pytest.mark.parametrize("line", ['log::info!("token length {}", token.len());', 'my_log::info!("{}", token);',
                                  'tracing::info!(has_token = token.is_some(), "login");'])
def test_qualified_rust_macros_judge_their_arguments_like_the_bare_ones(line):
    assert scan("main.rs", line + "\n") == []
