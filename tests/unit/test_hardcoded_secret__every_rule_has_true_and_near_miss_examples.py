"""Every hard-coded-secret rule has generated true examples and near-miss false examples (issue 13, "Done when").

Provider tokens are generated from their documented shape at test time (nothing realistic is committed): a list of
literal parts and (alphabet, length) random parts. Near misses are derived from each shape: the longest random part
cut to two thirds (too short for the format), and replaced by x's (a placeholder). The rules that are not provider
formats have explicit examples here or in the tests named in ELSEWHERE.
"""

from __future__ import annotations

import base64
import json
import random
import string
from pathlib import Path

import pytest
from fakes import EmptyRepository

from readiness.core.scan.base import ScanContext, SourceFile, language_of
from readiness.core.scan.scanners.hardcoded_secret import RULES, SCANNER
from readiness.core.secrets.find import find_secrets
from readiness.core.secrets.rules.providers import PROVIDERS

DIGITS = string.digits
HEX = "0123456789abcdef"
ALNUM = (string.ascii_letters + string.digits).replace("x", "").replace("X", "")
LOWER = (string.ascii_lowercase + string.digits).replace("x", "")
LETTERS = string.ascii_letters.replace("x", "").replace("X", "")
UPPER = (string.ascii_uppercase + string.digits).replace("X", "")
WORD = ALNUM + "_-"
B64 = ALNUM + "+/"


def _jwt_b64(rng: random.Random) -> str:
    def enc(obj: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")
    token = ".".join((enc({"alg": "HS256", "typ": "JWT"}), enc({"sub": "".join(rng.choice(ALNUM) for _ in range(12))}),
                      "".join(rng.choice(WORD) for _ in range(43))))
    return base64.b64encode(token.encode()).decode().rstrip("=")


def uuid_parts() -> list:
    return [(HEX, 8), "-", (HEX, 4), "-", (HEX, 4), "-", (HEX, 4), "-", (HEX, 12)]


V = 'value = "{v}"'
# rule -> (parts, path, template)
SHAPES: dict[str, tuple[list, str, str]] = {
    "aws-session-token": ([(B64, 300)], "cloud.py", 'aws_session_token = "{v}"'),
    "gcp-service-account-key": ([(HEX, 40)], "sa.json", '{{"type": "service_account", "private_key_id": "{v}"}}'),
    "gcp-oauth-client-secret": (["GOC" + "SPX-", (WORD, 28)], "oauth.py", V),
    "azure-storage-account-key": ([(B64, 86), "=="], "app.py",
                                  'CONN = "DefaultEndpointsProtocol=https;AccountName=a;AccountKey={v};x=y"'),
    "azure-sas-token": ([(ALNUM, 43), "%3D"], "app.py",
                        'URL = "https://a.blob.core.windows.net/c/f?sv=2022-11-02&sr=b&sig={v}"'),
    "azure-ad-client-secret": ([(ALNUM, 3), (DIGITS, 1), "Q~", (ALNUM, 34)], "app.py", V),
    "alibaba-access-key-id": (["LT" + "AI", (ALNUM, 20)], "app.py", V),
    "digitalocean-token": (["do" + "p_v1_", (HEX, 64)], "app.py", V),
    "heroku-api-key": (["HR" + "KU-AA", (WORD, 58)], "app.py", V),
    "cloudflare-origin-ca-key": (["v1" + ".0-", (HEX, 24), "-", (HEX, 146)], "app.py", V),
    "flyio-token": (["fo" + "1_", (WORD, 43)], "app.py", V),
    "hashicorp-terraform-token": ([(ALNUM, 14), ".atlas" + "v1.", (WORD, 65)], "app.py", V),
    "vault-token": (["hv" + "s.", (WORD, 95)], "app.py", V),
    "scalingo-api-token": (["tk" + "-us-", (WORD, 48)], "app.py", V),
    "yandex-api-key": (["AQ" + "VN", (WORD, 36)], "app.py", V),
    "clickhouse-cloud-api-secret": (["4b" + "1d", (ALNUM, 38)], "app.py", V),
    "openshift-user-token": (["sha256" + "~", (WORD, 43)], "app.py", V),
    "gitlab-runner-registration-token": (["GR13" + "48941", (WORD, 20)], "ci.yml", "token: {v}"),
    "gitlab-session-cookie": ([(LOWER, 32)], "app.py", 'line = "_gitlab_session={v}"'),
    "gitlab-agent-token": (["gl" + "agent-", (WORD, 50)], "app.py", V),
    "bitbucket-app-password": (["AT" + "BB", (ALNUM, 32)], "app.py", V),
    "atlassian-api-token": (["ATA" + "TT3", (WORD, 186)], "app.py", V),
    "dockerhub-pat": (["dckr" + "_pat_", (WORD, 27)], "app.py", V),
    "rubygems-api-key": (["ruby" + "gems_", (HEX, 48)], "app.py", V),
    "nuget-api-key": (["oy" + "2", (LOWER, 43)], "app.py", V),
    "nuget-config-password": ([(ALNUM + "!#%", 16)], "NuGet.config", '<add key="ClearTextPassword" value="{v}" />'),
    "maven-settings-password": ([(ALNUM + "!#%", 16)], "settings.xml", "<password>{v}</password>"),
    "clojars-api-token": (["CLO" + "JARS_", (LOWER, 60)], "app.py", V),
    "artifactory-api-key": (["AK" + "Cp", (ALNUM, 69)], "app.py", V),
    "artifactory-reference-token": (["cmV" + "md", (ALNUM, 59)], "app.py", V),
    "sourcegraph-access-token": (["sg" + "p_", (HEX, 16), "_", (HEX, 40)], "app.py", V),
    "octopus-deploy-api-key": (["AP" + "I-", (UPPER, 26)], "app.py", V),
    "harness-api-key": (["pa" + "t.", (WORD, 22), ".", (ALNUM, 24), ".", (ALNUM, 20)], "app.py", V),
    "pulumi-access-token": (["pu" + "l-", (HEX, 40)], "app.py", V),
    "infracost-api-token": (["ic" + "o-", (ALNUM, 32)], "app.py", V),
    "prefect-api-key": (["pn" + "u_", (ALNUM, 36)], "app.py", V),
    "postman-api-key": (["PM" + "AK-", (HEX, 24), "-", (HEX, 34)], "app.py", V),
    "readme-api-key": (["rd" + "me_", (LOWER, 70)], "app.py", V),
    "doppler-token": (["dp" + ".pt.", (ALNUM, 43)], "app.py", V),
    "onepassword-secret-key": (["A" + "3-", (UPPER, 6), "-", (UPPER, 11), "-", (UPPER, 5), "-", (UPPER, 5), "-",
                                (UPPER, 5)], "app.py", V),
    "onepassword-service-account-token": (["op" + "s_eyJ", (B64, 260)], "app.py", V),
    "age-secret-key": (["AGE-SECRET" + "-KEY-1", ("QPZRY98GF2TVDW0S3JN54KHCE6MUA7L", 58)], "key.txt", "{v}"),
    "putty-private-key": ([(B64, 64), "\n", (B64, 40)], "id.ppk",
                          "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 1\nAAAAC3Nza\n"
                          "Private-Lines: 2\n{v}\nPrivate-MAC: 0f"),
    "stripe-test-key": (["sk" + "_test_", (ALNUM, 24)], "pay.py", V),
    "stripe-webhook-secret": (["wh" + "sec_", (ALNUM, 32)], "pay.py", V),
    "square-access-token": (["EA" + "AA", (WORD, 60)], "pay.py", V),
    "braintree-access-token": (["access_token$" + "production$", (LOWER, 16), "$", (HEX, 32)], "pay.py", V),
    "shopify-token": (["shp" + "at_", (HEX, 32)], "shop.py", V),
    "shippo-api-token": (["shippo" + "_live_", (HEX, 40)], "ship.py", V),
    "duffel-api-token": (["duffel" + "_test_", (WORD, 43)], "app.py", V),
    "easypost-api-key": (["EZ" + "AK", (ALNUM, 54)], "app.py", V),
    "flutterwave-secret-key": (["FLWSECK" + "_TEST-", ("abcdefgh0123456789", 32), "-X"], "pay.py", V),
    "slack-config-token": (["xoxe.xo" + "xb-1-", (ALNUM, 150)], "chat.py", V),
    "discord-bot-token": (["M", (WORD, 25), ".", (WORD, 6), ".", (WORD, 38)], "bot.py", 'DISCORD_TOKEN = "{v}"'),
    "telegram-bot-token": ([(DIGITS, 10), ":A", (WORD, 34)], "bot.py", V),
    "microsoft-teams-webhook": (["https://contoso.webhook" + ".office.com/webhookb2/", *uuid_parts(), "@",
                                 *uuid_parts(), "/IncomingWebhook/", (LOWER, 32), "/", *uuid_parts()], "hook.py", V),
    "mailchimp-api-key": ([(HEX, 32), "-us", "12"], "mail.py", V),
    "mailgun-api-key": (["ke" + "y-", (HEX, 32)], "mail.py", V),
    "sendinblue-api-key": (["xkey" + "sib-", (HEX, 64), "-", (ALNUM, 16)], "mail.py", V),
    "openai-api-key": (["sk" + "-proj-", (WORD, 74), "T3Blbk" + "FJ", (WORD, 74)], "ai.py", V),
    "anthropic-api-key": (["sk-ant" + "-api03-", (WORD, 93), "AA"], "ai.py", V),
    "huggingface-token": (["h" + "f_", (LETTERS, 34)], "ai.py", V),
    "perplexity-api-key": (["pp" + "lx-", (ALNUM, 48)], "ai.py", V),
    "grafana-token": (["gl" + "sa_", (ALNUM, 32), "_", (HEX, 8)], "obs.py", V),
    "sentry-token": (["sntr" + "yu_", (HEX, 64)], "obs.py", V),
    "new-relic-key": (["NR" + "AK-", (UPPER, 27)], "obs.py", V),
    "datadog-api-key": ([(HEX, 32)], "obs.py", 'DD_API_KEY = "{v}"'),
    "dynatrace-api-token": (["dt0c" + "01.", (ALNUM, 24), ".", (ALNUM, 64)], "obs.py", V),
    "databricks-api-token": (["da" + "pi", (HEX, 32)], "app.py", V),
    "planetscale-token": (["pscale" + "_tkn_", (WORD, 43)], "app.py", V),
    "notion-api-token": (["nt" + "n_", (DIGITS, 11), (ALNUM, 35)], "app.py", V),
    "airtable-pat": (["pa" + "t", (ALNUM, 14), ".", (HEX, 64)], "app.py", V),
    "linear-api-key": (["lin" + "_api_", (ALNUM, 40)], "app.py", V),
    "typeform-api-token": (["tf" + "p_", (WORD, 59)], "app.py", V),
    "frameio-api-token": (["fio" + "-u-", (WORD, 64)], "app.py", V),
    "adobe-client-secret": (["p8" + "e-", (ALNUM, 32)], "app.py", V),
    "maxmind-license-key": ([(ALNUM, 6), "_", (ALNUM, 29), "_m" + "mk"], "app.py", V),
    "settlemint-token": (["sm" + "_pat_", (ALNUM, 16)], "app.py", V),
    "intra42-client-secret": (["s-s4" + "t2ud-", (HEX, 64)], "app.py", V),
    "defined-networking-api-token": (["dn" + "key-", (WORD, 26), "-", (WORD, 52)], "app.py", V),
    "authress-access-key": (["s" + "c_", (ALNUM, 12), ".", (ALNUM, 5), ".ac" + "c_", (ALNUM, 20), ".", (B64, 60)],
                            "app.py", V),
    "okta-api-token": (["0" + "0", (WORD, 40)], "app.py", 'OKTA_API_TOKEN = "{v}"'),
    "sidekiq-secret": ([(HEX, 8), ":", (HEX, 8)], ".env", "BUNDLE_GEMS__CONTRIBSYS__COM={v}"),
    "twitter-bearer-token": (["A" * 22, (ALNUM, 90)], "app.py", V),
    "facebook-page-access-token": (["EA" + "AC", (ALNUM, 120)], "app.py", V),
    "jwt-base64": ([_jwt_b64], "secret.yaml", "token: {v}"),
}
# Rules that are not provider formats: (true text, near-miss text) over a path; or proven by another test.
EXPLICIT = {
    "default-password": ("settings.py", 'password = "change' + 'me"', 'password = "change-me-in-prod-' + '7Qz!"'),
}
ELSEWHERE = {
    "in-history": "tests/component/test_check_history__secrets_the_branch_carries_are_errors.py",
    "password-in-text": "tests/component/test_blocker_add__refuses_weak_password_assignments.py",
    "slow-allowlist-pattern": "tests/security/test_regex_budget__repository_patterns_cannot_stall_a_run.py",  # config
}
ROOT = Path(__file__).resolve().parents[2]
# Formats with a length range: the near miss is one character under the shortest length (longest part, its size).
CUT_TO = {"aws-session-token": 99, "authress-access-key": 29, "maven-settings-password": 7,
          "nuget-config-password": 7, "putty-private-key": 15, "square-access-token": 21, "stripe-test-key": 9}


def make(parts: list, rng: random.Random, cut: int | None = None, placeholder: bool = False) -> str:
    """The token of `parts`; `cut`: the longest random part shortened (to that length, or 0: to two thirds);
    `placeholder`: every random part x's."""
    sizes = [p[1] if isinstance(p, tuple) else 0 for p in parts]
    longest = sizes.index(max(sizes))
    out = []
    for i, part in enumerate(parts):
        if callable(part):
            out.append(part(rng))
        elif isinstance(part, tuple):
            alphabet, n = part
            if placeholder:
                out.append("x" * n)
                continue
            if i == longest and cut is not None:
                n = cut or n * 2 // 3
            out.append("".join(rng.choice(alphabet) for _ in range(n)))
        else:
            out.append(part)
    return "".join(out)


def scan(path: str, text: str):
    source = SourceFile(path, text, language=language_of(path))
    return list(SCANNER.scan(ScanContext(files=[source], repo=EmptyRepository())))


def test_every_rule_has_true_and_false_examples(fake_secrets):
    covered = set(SHAPES) | set(fake_secrets) | set(EXPLICIT) | set(ELSEWHERE)
    assert {f"hardcoded-secret/{r}" for r in covered} == set(RULES)
    assert {p.id for p in PROVIDERS} <= set(SHAPES)
    assert all((ROOT / path).is_file() for path in ELSEWHERE.values())


def test_every_provider_says_where_its_format_is_documented():
    for provider in PROVIDERS:
        assert provider.source.startswith("https://"), provider.id
        rule = RULES[f"hardcoded-secret/{provider.id}"]
        assert rule.what and rule.why and rule.fix and "****" in rule.example, provider.id


@pytest.mark.parametrize("rule", sorted(SHAPES))
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_generated_token_is_found_masked(rule, seed):
    parts, path, template = SHAPES[rule]
    value = make(parts, random.Random(seed))
    findings = [f for f in scan(path, "first = 1\n" + template.format(v=value) + "\n")
                if f.rule == f"hardcoded-secret/{rule}"]
    assert len(findings) == 1, (rule, value[:12])
    assert value not in findings[0].snippet + findings[0].message + findings[0].key


@pytest.mark.parametrize("rule", sorted(SHAPES))
@pytest.mark.parametrize("how", ["cut", "placeholder"])
def test_a_near_miss_is_not_found(rule, how):
    parts, path, template = SHAPES[rule]
    if callable(parts[0]):  # jwt-base64: base64 of something that is not a token
        value = base64.b64encode(b"eyJ just a sentence, not a token at all, whatever the length").decode()
        value = value if how == "cut" else "ZXlK" + "x" * 70
    else:
        value = make(parts, random.Random(7), cut=CUT_TO.get(rule, 0) if how == "cut" else None,
                     placeholder=how == "placeholder")
    found = [f.rule for f in scan(path, template.format(v=value) + "\n")]
    assert f"hardcoded-secret/{rule}" not in found, (rule, how)


@pytest.mark.parametrize("rule", sorted(EXPLICIT))
def test_explicit_examples(rule):
    path, true, false = EXPLICIT[rule]
    assert f"hardcoded-secret/{rule}" in [f.rule for f in scan(path, true + "\n")]
    assert f"hardcoded-secret/{rule}" not in [f.rule for f in scan(path, false + "\n")]


def test_weak_assignments_are_found_in_written_text_only():
    assert [m.rule for m in find_secrets("password=hunter2" + "hunter2 on staging", prose=True)] == [
        "hardcoded-secret/password-in-text"]
    assert find_secrets("password reset mails are not sent", prose=True) == []
    assert scan("settings.py", 'password = "hunter2' + 'hunter2"\n') == []
