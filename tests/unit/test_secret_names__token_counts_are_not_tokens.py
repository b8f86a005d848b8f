"""is_secret_name: a count of tokens (a language model's usage) is not a token; credentials named `tokens` still are."""

from __future__ import annotations

import pytest

from readiness.core.secrets.rules import is_secret_name


@pytest.mark.parametrize("name", ["completion_tokens", "completionTokens", "remaining_tokens", "output_tokens",
                                  "outputTokens", "reasoning_tokens", "cached_tokens", "tokens_left",
                                  "tokens_budget", "tokens_per_second", "generatedTokens", "TOKENS_CONSUMED"])
def test_plural_tokens_beside_a_count_word_is_a_count(name):
    assert not is_secret_name(name)


@pytest.mark.parametrize("owner", ["usage", "resp.usage", "response.usage_metadata", "self.stats", "run.metrics"])
def test_tokens_read_from_a_usage_record_is_a_count(owner):
    assert not is_secret_name("tokens", owner=owner)


@pytest.mark.parametrize(("name", "owner"), [
    ("api_tokens", ""), ("access_tokens", ""), ("refresh_tokens", "self"), ("tokens", ""), ("tokens", "config"),
    ("auth_token", "usage"), ("completion_token", ""), ("api_tokens", "usage"), ("secret_tokens", "usage"),
    ("tokens_api_key", "usage"),
])
def test_credentials_named_tokens_are_still_secrets(name, owner):
    assert is_secret_name(name, owner=owner)
