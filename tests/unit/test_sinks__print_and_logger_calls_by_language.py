"""secrets.rules.sinks: the print and logger calls printed-secret matches by pattern in languages other than
Python, with comments and string contents blanked first, and where a call's arguments end."""

from __future__ import annotations

import pytest

from readiness.core.secrets.rules.sinks import SINKS, argument_end, code_and_strings


@pytest.mark.parametrize(("language", "code", "kind"), [
    ("javascript", "console.log(apiKey);", "print"),
    ("javascript", "logger.info(token);", "log"),
    ("go", 'fmt.Println("secret", clientSecret)', "print"),
    ("java", "System.out.println(password);", "print"),
    ("ruby", 'puts "token #{api_token}"', "print"),
])
def test_a_sink_call_is_matched_with_its_kind(language, code, kind):
    match = SINKS[language].search(code)
    assert match is not None and match.lastgroup == kind


def test_comments_and_string_contents_are_blanked_with_offsets_kept():
    text = 'console.log("token"); // print(password)\nlet x = 1;'
    code, strings = code_and_strings(text, "javascript")
    assert len(code) == len(text) and "password" not in code and "token" not in code
    assert [text[a:b] for a, b in strings] == ['"token"']
    assert SINKS["javascript"].search(code) is not None  # the call itself stays


def test_arguments_end_at_the_closing_parenthesis_or_the_statement():
    code = "log(a(b), [c]) + rest"
    assert code[argument_end(code, 4, opened=True)] == ")" and argument_end(code, 4, opened=True) == 13
    assert argument_end("echo $TOKEN; next", 5, opened=False) == 11
    assert argument_end("log(unclosed", 4, opened=True) == len("log(unclosed")
