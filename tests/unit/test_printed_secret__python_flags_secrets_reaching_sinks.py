"""printed-secret for Python, table-driven: secret sources reaching each sink, and the look-alikes that do not."""

from __future__ import annotations

import textwrap

import pytest
from fakes import EmptyRepository

from readiness.core.scan.base import ScanContext, SourceFile
from readiness.core.scan.scanners.printed_secret import RULES, SCANNER


def scan(code: str, path: str = "app.py", changed=None):
    text = textwrap.dedent(code)
    source = SourceFile(path, text, changed=changed, language="python", is_test=path.startswith("tests/"))
    return list(SCANNER.scan(ScanContext(files=[source], repo=EmptyRepository())))


def wrap(body: str, header: str = "import logging, os, sys\nlogger = logging.getLogger(__name__)\n") -> str:
    """The body inside a function, after a small module header (line 4 is the body's first line)."""
    return header + "def handler(request, password, api_key, user):\n" + textwrap.indent(textwrap.dedent(body), "    ")


TRUE = [
    # direct sinks
    ("print(password)", "print"),
    ("pprint.pprint(api_key)", "print"),
    ("sys.stdout.write(password)", "print"),
    ("sys.stderr.write(api_key + '\\n')", "print"),
    ("logging.info(password)", "log"),
    ("logger.debug('key %s', api_key)", "log"),
    ("log.warning(password)", "log"),
    ("self.logger.error('pw=%s', password)", "log"),
    ("logging.getLogger('x').critical(password)", "log"),
    ("logger.exception('failed with %s', api_key)", "log"),
    ("logger.log(logging.INFO, password)", "log"),
    ("warnings.warn(f'bad key {api_key}')", "log"),
    ("click.echo(password)", "print"),
    ("console.print(api_key)", "print"),
    ("console.log(api_key)", "print"),
    ("rich.print(password)", "print"),
    # sources: attributes, subscripts, keywords
    ("print(settings.SECRET_KEY)", "print"),
    ("print(self.client_secret)", "print"),
    ("print(config['password'])", "print"),
    ("print(request.headers['Authorization'])", "print"),
    ("print(request.COOKIES)", "print"),
    ("logger.info('login', extra={'password': user.pw})", "log"),
    ("logger.info('login', password=user.pw)", "log"),
    ("print(os.environ)", "print"),
    # wrappers and string building
    ("print(f'connecting with {password}')", "print"),
    ("print('pw: %s' % password)", "print"),
    ("print('pw: %s %s' % (user, password))", "print"),
    ("print('pw: {}'.format(password))", "print"),
    ("print('pw: {pw}'.format(pw=password))", "print"),
    ("print('Bearer ' + api_key)", "print"),
    ("print(str(password))", "print"),
    ("print(repr(api_key))", "print"),
    ("print(api_key.hex())", "print"),
    ("print(password.decode())", "print"),
    ("print(password or 'none')", "print"),
    ("print(creds.get_secret_value())", "print"),
    ("print(base64.b64encode(password))", "print"),
    ("print(json.dumps({'user': user, 'token': api_key}))", "print"),
    # local flow
    ("token = os.environ['GITHUB_TOKEN']\nprint(token)", "print"),
    ("t = os.getenv('API_TOKEN')\nlogger.info('t=%s', t)", "log"),
    ("t = os.environ.get('DB_PASSWORD', '')\nprint(t)", "print"),
    ("value = password\nmessage = f'value={value}'\nprint(message)", "print"),
    ("pw = getpass.getpass()\nprint(pw)", "print"),
    ("secret = keyring.get_password('svc', user)\nprint(secret)", "print"),
    ("k = self.get_api_key()\nprint(k)", "print"),
    ("headers = {'Authorization': f'Bearer {api_key}'}\nlogger.debug('headers %s', headers)", "log"),
]


@pytest.mark.parametrize(("body", "kind"), TRUE)
def test_secret_reaching_a_sink_is_reported(body, kind):
    findings = scan(wrap(body))
    assert [f.rule for f in findings] == [f"printed-secret/{kind}"], findings
    last = len(wrap(body).rstrip("\n").split("\n"))
    assert findings[0].line == last
    assert "reaches" in findings[0].message


FALSE = [
    "print('Enter your password:')",
    "logger.info('password reset email sent')",
    "print(len(password))",
    "print(token_count, password_length, secret_name, is_secret, api_key_id, token_url, secret_path)",
    "print(user)",
    "print(password[:4] + '****')",
    "print(mask(api_key))",
    "print(redact(password))",
    "print(SecretStr(password))",
    "print(hashlib.sha256(password.encode()).hexdigest())",
    "print(password == 'x')",
    "print(os.environ['HOME'])",
    "print(os.environ.get('PATH'))",
    "print(config['password_length'])",
    "pwd = os.getcwd()\nprint(pwd)",
    "token = 3\nprint(token)",
    "print(password, file=fh)",
    "logger.info('ok', exc_info=True)",
    "math.log(password)",
    "catalog.info(password)",
    "print(request.user.username)",
    "print(f'{len(api_key)} characters')",
    "# print(password)",
    "print('api_key' in request.GET)",
]


@pytest.mark.parametrize("body", FALSE)
def test_look_alikes_are_not_reported(body):
    assert scan(wrap(body)) == []


def test_secretstr_annotated_fields_are_masked_by_pydantic():
    code = """\
    from pydantic import BaseModel, SecretStr

    class Settings(BaseModel):
        api_key: SecretStr

    def show(settings):
        print(settings.api_key)
        print(settings.api_key.get_secret_value())
    """
    assert [f.line for f in scan(code)] == [8]


def test_lexer_tokens_are_not_credentials():
    code = """\
    import tokenize

    def dump(tokens):
        for token in tokens:
            print(token)
        print(tokens[0])
    """
    assert scan(code) == []


def test_bare_token_is_a_credential_outside_lexers():
    code = """\
    def login(token):
        print(token)
    """
    assert [f.line for f in scan(code)] == [2]


def test_module_level_script_and_methods_are_scanned():
    code = """\
    import os
    token = os.environ["SLACK_TOKEN"]
    print(token)

    class Client:
        def connect(self):
            self.log.info("secret %s", self.client_secret)
    """
    assert [(f.rule, f.line) for f in scan(code)] == [("printed-secret/print", 3), ("printed-secret/log", 7)]


def test_multiline_call_is_reported_on_the_argument_line():
    code = """\
    def f(password):
        logger.info(
            "connecting as %s",
            password,
        )
    """
    assert [f.line for f in scan(code)] == [4]


def test_only_changed_lines_are_reported():
    from readiness.core.scan import engine

    source = SourceFile("app.py", "def f(password):\n    print(password)\n    print(password)\n",
                        changed=frozenset({3}), language="python")
    findings = engine.run(ScanContext(files=[source], repo=EmptyRepository()), scanners=["printed-secret"])
    assert [f.line for f in findings] == [3]
    assert scan("def f(password):\n    print(password)\n", changed=frozenset({1})) == []  # not even parsed


def test_file_that_does_not_parse_falls_back_to_patterns():
    code = """\
    def f(password):
        print(f"pw {password}")
        if x ==
    """
    assert [f.line for f in scan(code)] == [2]


def test_snippet_masks_a_literal_secret_on_the_printed_line(fake_secrets):
    import random

    value = fake_secrets["github-token"][0](random.Random(9))
    findings = scan(f'def f(token):\n    print(token or "{value}")\n')
    assert len(findings) == 1 and value not in findings[0].snippet and value not in findings[0].key


def test_findings_in_tests_are_warnings():
    findings = scan("def test_login(password):\n    print(password)\n", path="tests/test_login.py")
    assert [str(f.severity) for f in findings] == ["warning"]


def test_rules_have_texts():
    assert set(RULES) == {"printed-secret/print", "printed-secret/log"}
    assert all(r.what and r.why and r.fix and r.example for r in RULES.values())


def test_files_without_secret_words_are_not_parsed(monkeypatch):
    import ast

    calls = []
    original = ast.parse
    monkeypatch.setattr(ast, "parse", lambda *a, **k: calls.append(1) or original(*a, **k))
    scan("def f(x):\n    print(x)\n" * 50)
    assert calls == []


def test_literal_test_values_are_not_printed_secrets_but_parameters_are():
    code = """\
    def test_ping(logger):
        token = "ping"
        logger.error("%s", token)

    def connect(password=None):
        if not password:
            password = "default"
        print(password)
    """
    assert [f.line for f in scan(code)] == [8]


def test_snippet_masks_a_value_detected_elsewhere_in_the_file():
    value = "Qz8#Lp2$Wm5&Rt9!Hx"
    code = f'API_KEY = "{value}"\n\ndef show(api_key):\n    print(api_key, "{value}")\n'
    (finding,) = scan(code)
    assert finding.line == 4 and value not in finding.snippet and "secret would be printed" in finding.message


@pytest.mark.parametrize("header", ["import pwd\n", "  import pwd\n", "from pwd import getpwnam\n", "\n\nimport pwd\n"])
def test_the_password_database_module_is_not_a_secret(header):
    code = header + "def show():\n    print(pwd)\n"
    assert scan(code) == []
    assert scan(code.replace(header, "")) != []  # a `pwd` that is not the module is a password


@pytest.mark.parametrize("body", ["print(f'tokens used: {usage.tokens}')",
                                  "logger.info('completion tokens: %d', resp.usage.completion_tokens)",
                                  "print(f'Token budget remaining: {resp.remaining_tokens}')",
                                  "print('output tokens', resp.usage['tokens'], stats.output_tokens)"])
def test_counts_of_language_model_tokens_are_not_tokens(body):
    assert scan(wrap(body)) == []


@pytest.mark.parametrize("body", ["print(self.api_tokens)", "print(resp.auth_token)", "print(usage.api_tokens)",
                                  "print(config['tokens'])"])
def test_credentials_named_tokens_are_still_reported(body):
    assert [f.rule for f in scan(wrap(body))] == ["printed-secret/print"]
