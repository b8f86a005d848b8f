"""Provider token rules as data: every provider of gitleaks' default rule set with a distinctive prefix or format.

Each entry gives the vendor's documented format (`what`), where it is documented (`source`: the vendor's page, or
gitleaks' rule when the vendor documents the prefix only in its changelog or not at all), the gitleaks rule ids it
covers, and a masked example. The pattern starts with its prefix, so a cheap `in` test on the literal (`gates`)
skips files that cannot hold the token before any regex runs. Keyword-only rules of gitleaks (a provider name near a
32-hex value) are left to the generic secret-named-assignment rule; the README's rule table lists both.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass

from readiness.core.secrets.rules.shapes import Detector, LazyPattern, random_enough

_E = r"(?![A-Za-z0-9_\-])"  # end boundary for tokens made of word characters and dashes
_E64 = r"(?![A-Za-z0-9+/=_\-])"  # end boundary for base64 bodies


@dataclass(frozen=True, slots=True)
class Provider:
    detector: Detector
    title: str
    what: str  # the vendor's documented format
    source: str  # where that format is documented
    gitleaks: tuple[str, ...]  # the gitleaks default rules this rule covers
    example: str  # masked
    severity: str = "error"

    @property
    def id(self) -> str:
        return self.detector.id


def literal_prefix(regex: str) -> str:
    """The literal a pattern starts with (`dop_v1_` of `dop_v1_[a-f0-9]{64}`), escapes resolved."""
    out: list[str] = []
    i = 0
    while i < len(regex):
        char = regex[i]
        if char == "\\" and i + 1 < len(regex) and not regex[i + 1].isalnum():
            out.append(regex[i + 1])
            i += 2
            continue
        if char in "[(?*+{|^$.\\":
            break
        out.append(char)
        i += 1
    if out and i < len(regex) and regex[i] in "?*{":
        out.pop()  # the last literal is optional or repeated
    return "".join(out)


def _tok(rid: str, title: str, regex: str, what: str, source: str, gitleaks: tuple[str, ...], name: str, *,
         floor: float = 3.0, body: int | None = None, gates: tuple[str, ...] | None = None, end: str = _E,
         check: Callable[[str], bool] | None = None, line_gate: tuple[str, ...] = (), severity: str = "error",
         full: bool = False, keep: int = 4) -> Provider:
    prefix = "" if full else literal_prefix(regex)
    start = len(prefix) if body is None else body
    pattern = LazyPattern(regex if full else f"(?P<value>{regex}){end}")
    chosen = gates if gates is not None else ((prefix,) if prefix and not line_gate else ())
    test = check or (lambda v: random_enough(v[start:], floor))
    shown = min(keep, len(prefix))
    detector = Detector(rid, pattern, shown, test, gates=chosen, line_gate=line_gate, boundary=not full)
    return Provider(detector, title, what, source, gitleaks, f'{name} = "{prefix[:shown]}****"', severity)


def _b64_jwt(value: str) -> bool:
    """A base64-encoded JWT: decodes to `eyJ…` with a header."""
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=False).decode("ascii")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return False
    return decoded.startswith("eyJ") and decoded.count(".") >= 1 and random_enough(value, 4.0)


_HEX = "[a-f0-9]"
_GL = "https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml"
PROVIDERS: tuple[Provider, ...] = (
    # -- cloud -------------------------------------------------------------------------------------------------
    _tok(
        "aws-session-token", "AWS session token",
        r"(?i)aws.{0,20}?session.{0,20}?token[\"'\s:=>]{1,6}(?P<value>[A-Za-z0-9/+=]{100,1200})(?![A-Za-z0-9/+=])",
        "A temporary AWS session token (base64, hundreds of characters) next to an aws…session…token name.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html", (),
        "AWS_SESSION_TOKEN", full=True, line_gate=("session",), check=lambda v: random_enough(v, 4.5)),
    _tok("gcp-service-account-key", "GCP service account key",
         r"\"private_key_id\"\s*:\s*\"(?P<value>[a-f0-9]{40})\"",
         "A Google Cloud service-account key file (JSON with \"type\": \"service_account\", \"private_key_id\" of 40 "
         "hex digits and the private key).", "https://cloud.google.com/iam/docs/keys-create-delete", (),
         "\"private_key_id\"", full=True, gates=("\"private_key_id\"",), check=lambda v: random_enough(v, 3.0)),
    _tok("gcp-oauth-client-secret", "Google OAuth client secret", r"GOCSPX-[A-Za-z0-9_\-]{28}",
         "GOCSPX- and 28 characters.", "https://developers.google.com/identity/protocols/oauth2", (),
         "client_secret"),
    _tok("azure-storage-account-key", "Azure storage account key",
         r"AccountKey=(?P<value>[A-Za-z0-9+/]{86}==)", "AccountKey= in a connection string: 88 base64 characters.",
         "https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string", (),
         "AZURE_STORAGE_CONNECTION_STRING", full=True, gates=("AccountKey=",), check=lambda v: random_enough(v, 4.0)),
    _tok("azure-sas-token", "Azure shared access signature",
         r"[?&]sig=(?P<value>[A-Za-z0-9%+/]{43,}(?:%3D|=){0,2})(?=[&\"'\s]|$)",
         "A SAS URL's sig= signature (base64, URL-encoded) next to sv= and se=.",
         "https://learn.microsoft.com/azure/storage/common/storage-sas-overview", (), "SAS_URL", full=True,
         line_gate=("sig=",), check=lambda v: random_enough(v, 4.0)),
    _tok("azure-ad-client-secret", "Azure AD client secret",
         r"(?<![A-Za-z0-9_~.])(?P<value>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34})(?![A-Za-z0-9_~.\-])",
         "Three characters, a digit, Q~ and 31-34 characters.", _GL, ("azure-ad-client-secret",), "AZURE_CLIENT_SECRET",
         full=True, gates=("Q~",), check=lambda v: random_enough(v, 3.0)),
    _tok("alibaba-access-key-id", "Alibaba Cloud AccessKey ID", r"LTAI[A-Za-z0-9]{20}", "LTAI and 20 characters.",
         "https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair", ("alibaba-access-key-id",),
         "ALIBABA_ACCESS_KEY_ID"),
    _tok("digitalocean-token", "DigitalOcean token", r"do[opr]_v1_[a-f0-9]{64}",
         "dop_v1_ (personal), doo_v1_ (OAuth) or dor_v1_ (refresh) and 64 hex digits.",
         "https://docs.digitalocean.com/reference/api/create-personal-access-token/",
         ("digitalocean-pat", "digitalocean-access-token", "digitalocean-refresh-token"), "DIGITALOCEAN_TOKEN",
         body=7, gates=("_v1_",)),
    _tok("heroku-api-key", "Heroku API key", r"HRKU-AA[0-9A-Za-z_\-]{58}", "HRKU-AA and 58 characters.",
         "https://devcenter.heroku.com/articles/authentication", ("heroku-api-key-v2",), "HEROKU_API_KEY"),
    _tok("cloudflare-origin-ca-key", "Cloudflare Origin CA key", r"v1\.0-[a-f0-9]{24}-[a-f0-9]{146}",
         "v1.0-, 24 hex digits, a dash and 146 hex digits.",
         "https://developers.cloudflare.com/fundamentals/api/get-started/ca-keys/", ("cloudflare-origin-ca-key",),
         "CF_ORIGIN_CA_KEY"),
    _tok("flyio-token", "Fly.io token", r"(?:fo1_[\w\-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}|fm2_[A-Za-z0-9+/]{100,}"
         r"={0,3})", "fo1_ and 43 characters, or fm1a_/fm1r_/fm2_ macaroons of 100+ base64 characters.", _GL,
         ("flyio-access-token",), "FLY_API_TOKEN", body=4, gates=("fo1_", "fm1a_", "fm1r_", "fm2_"), end=_E64,
         floor=4.0),
    _tok("hashicorp-terraform-token", "Terraform Cloud / Enterprise API token",
         r"(?<![A-Za-z0-9])(?P<value>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=\-]{60,70})(?![A-Za-z0-9_=\-])",
         "14 characters, .atlasv1. and 60-70 characters.",
         "https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens",
         ("hashicorp-tf-api-token",), "TFE_TOKEN", full=True, gates=(".atlasv1.",),
         check=lambda v: random_enough(v, 3.5)),
    _tok("vault-token", "HashiCorp Vault token", r"hv[sb]\.[\w\-]{90,300}",
         "hvs. (service, 90-120 characters) or hvb. (batch, 138-300 characters).",
         "https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes",
         ("vault-service-token", "vault-batch-token"), "VAULT_TOKEN", gates=("hvs.", "hvb."), body=4, floor=4.0),
    _tok("scalingo-api-token", "Scalingo API token", r"tk-us-[\w\-]{48}", "tk-us- and 48 characters.",
         "https://doc.scalingo.com/platform/user-management/api-tokens", ("scalingo-api-token",), "SCALINGO_TOKEN"),
    _tok("yandex-api-key", "Yandex Cloud API key", r"AQVN[A-Za-z0-9_\-]{35,38}", "AQVN and 35-38 characters.",
         "https://yandex.cloud/en/docs/iam/concepts/authorization/api-key", ("yandex-api-key",), "YC_API_KEY"),
    _tok("clickhouse-cloud-api-secret", "ClickHouse Cloud API secret", r"4b1d[A-Za-z0-9]{38}",
         "4b1d and 38 characters.", _GL, ("clickhouse-cloud-api-secret-key",), "CLICKHOUSE_SECRET"),
    _tok("openshift-user-token", "OpenShift user token", r"sha256~[\w\-]{43}", "sha256~ and 43 characters.",
         "https://docs.openshift.com/container-platform/latest/authentication/understanding-authentication.html",
         ("openshift-user-token",), "OC_TOKEN", floor=3.5),
    # -- code hosts, registries, CI ----------------------------------------------------------------------------
    _tok("gitlab-runner-registration-token", "GitLab runner registration token", r"GR1348941[\w\-]{20}",
         "GR1348941 and 20 characters.", "https://docs.gitlab.com/security/tokens/#token-prefixes", ("gitlab-rrt",),
         "REGISTRATION_TOKEN"),
    _tok("gitlab-session-cookie", "GitLab session cookie", r"_gitlab_session=(?P<value>[0-9a-z]{32})(?![0-9a-z])",
         "_gitlab_session= and 32 characters.", "https://docs.gitlab.com/security/tokens/", ("gitlab-session-cookie",),
         "Cookie", full=True, gates=("_gitlab_session=",), check=lambda v: random_enough(v, 3.0)),
    _tok("gitlab-agent-token", "GitLab agent or feature-flag token", r"gl(?:agent-[\w\-]{50}|ffct-[\w\-]{20})",
         "glagent- and 50 characters (Kubernetes agent), glffct- and 20 (feature-flag client).",
         "https://docs.gitlab.com/security/tokens/#token-prefixes",
         ("gitlab-kubernetes-agent-token", "gitlab-feature-flag-client-token"), "GITLAB_AGENT_TOKEN",
         gates=("glagent-", "glffct-"), body=7),
    _tok("bitbucket-app-password", "Bitbucket app password", r"ATBB[A-Za-z0-9_=.\-]{32}",
         "ATBB and 32 characters.", "https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/", (),
         "BITBUCKET_APP_PASSWORD"),
    _tok("atlassian-api-token", "Atlassian API token", r"ATATT3[A-Za-z0-9_=\-]{186}", "ATATT3 and 186 characters.",
         "https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/",
         ("atlassian-api-token",), "JIRA_API_TOKEN", end=r"(?![A-Za-z0-9_=\-])"),
    _tok("dockerhub-pat", "Docker Hub personal access token", r"dckr_pat_[A-Za-z0-9_\-]{27}",
         "dckr_pat_ and 27 characters.", "https://docs.docker.com/security/for-developers/access-tokens/", (),
         "DOCKERHUB_TOKEN"),
    _tok("rubygems-api-key", "RubyGems API key", r"rubygems_[a-f0-9]{48}", "rubygems_ and 48 hex digits.",
         "https://guides.rubygems.org/api-key-scopes/", ("rubygems-api-token",), "GEM_HOST_API_KEY"),
    _tok("nuget-api-key", "NuGet API key", r"oy2[a-z0-9]{43}", "oy2 and 43 lower-case characters.",
         "https://learn.microsoft.com/nuget/nuget-org/scoped-api-keys", (), "NUGET_API_KEY", floor=3.5),
    _tok("nuget-config-password", "Password in NuGet.config",
         r"(?i)<add\s+key=\"(?:ClearText)?Password\"\s+value=\"(?P<value>[^\"]{8,})\"\s*/>",
         "<add key=\"ClearTextPassword\" value=\"…\"/> in packageSourceCredentials.",
         "https://learn.microsoft.com/nuget/reference/nuget-config-file#packagesourcecredentials",
         ("nuget-config-password",), "<add key=\"ClearTextPassword\" value", full=True, line_gate=("password",),
         check=lambda v: random_enough(v, 2.5) and not v.startswith(("%", "$"))),
    _tok("maven-settings-password", "Password in Maven settings.xml",
         r"<password>(?P<value>[^<\s$]{8,200})</password>", "<password>…</password> in a settings.xml server entry "
         "(a plain password; encrypted {…} passwords are not reported).",
         "https://maven.apache.org/settings.html#servers", (), "<password>", full=True, line_gate=("<password>",),
         check=lambda v: not v.startswith("{") and random_enough(v, 3.0)),
    _tok("clojars-api-token", "Clojars deploy token", r"CLOJARS_[A-Za-z0-9]{60}", "CLOJARS_ and 60 characters.",
         "https://github.com/clojars/clojars-web/wiki/Deploy-Tokens", ("clojars-api-token",), "CLOJARS_PASSWORD"),
    _tok("artifactory-api-key", "JFrog Artifactory API key", r"AKCp[A-Za-z0-9]{69}", "AKCp and 69 characters.",
         "https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-key",
         ("artifactory-api-key",), "ARTIFACTORY_API_KEY", floor=4.0),
    _tok("artifactory-reference-token", "JFrog Artifactory reference token", r"cmVmd[A-Za-z0-9]{59}",
         "cmVmd (base64 of \"ref\") and 59 characters.",
         "https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens",
         ("artifactory-reference-token",), "ARTIFACTORY_TOKEN", floor=4.0, body=0),
    _tok("sourcegraph-access-token", "Sourcegraph access token", r"sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}",
         "sgp_, an optional instance id (16 hex digits or local) and 40 hex digits.",
         "https://sourcegraph.com/docs/cli/how-tos/creating_an_access_token", ("sourcegraph-access-token",),
         "SRC_ACCESS_TOKEN"),
    _tok("octopus-deploy-api-key", "Octopus Deploy API key", r"API-[A-Z0-9]{26}", "API- and 26 upper-case "
         "characters.", "https://octopus.com/docs/octopus-rest-api/how-to-create-an-api-key",
         ("octopus-deploy-api-key",), "OCTOPUS_API_KEY"),
    _tok("harness-api-key", "Harness access token", r"(?:pat|sat)\.[\w\-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}",
         "pat. or sat., the account id (22), the token id (24) and the secret (20), dot-separated.",
         "https://developer.harness.io/docs/platform/automation/api/add-and-manage-api-keys/", ("harness-api-key",),
         "HARNESS_TOKEN", gates=("pat.", "sat."), body=4),
    _tok("pulumi-access-token", "Pulumi access token", r"pul-[a-f0-9]{40}", "pul- and 40 hex digits.",
         "https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/", ("pulumi-api-token",),
         "PULUMI_ACCESS_TOKEN"),
    _tok("infracost-api-token", "Infracost API key", r"ico-[A-Za-z0-9]{32}", "ico- and 32 characters.",
         "https://www.infracost.io/docs/features/environment_variables/", ("infracost-api-token",),
         "INFRACOST_API_KEY"),
    _tok("prefect-api-key", "Prefect API key", r"pnu_[A-Za-z0-9]{36}", "pnu_ and 36 characters.",
         "https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys", ("prefect-api-token",), "PREFECT_API_KEY"),
    _tok("postman-api-key", "Postman API key", r"PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}",
         "PMAK-, 24 hex digits, a dash and 34 hex digits.",
         "https://learning.postman.com/docs/developer/postman-api/authentication/", ("postman-api-token",),
         "POSTMAN_API_KEY"),
    _tok("readme-api-key", "ReadMe API key", r"rdme_[a-z0-9]{70}", "rdme_ and 70 characters.",
         "https://docs.readme.com/main/reference/intro-authentication", ("readme-api-token",), "README_API_KEY"),
    _tok("doppler-token", "Doppler token", r"dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}",
         "dp.pt. (personal), dp.st. (service), dp.sa., dp.ct., … and 40-44 characters.",
         "https://docs.doppler.com/docs/token-formats", ("doppler-api-token",), "DOPPLER_TOKEN", body=6,
         gates=("dp.",)),
    _tok("onepassword-secret-key", "1Password secret key",
         r"A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}",
         "A3- and five or six dash-separated groups of upper-case characters.",
         "https://support.1password.com/secret-key/", ("1password-secret-key",), "OP_SECRET_KEY", floor=3.5),
    _tok("onepassword-service-account-token", "1Password service account token", r"ops_eyJ[A-Za-z0-9+/]{250,}={0,3}",
         "ops_ and a base64 JSON document of 250+ characters.",
         "https://developer.1password.com/docs/service-accounts/", ("1password-service-account-token",),
         "OP_SERVICE_ACCOUNT_TOKEN", end=_E64, floor=4.0),
    _tok("age-secret-key", "age secret key", r"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}",
         "AGE-SECRET-KEY-1 and 58 bech32 characters.", "https://age-encryption.org/v1", ("age-secret-key",),
         "AGE_KEY", floor=3.5),
    _tok("putty-private-key", "PuTTY private key",
         r"Private-Lines:\s*\d+\s*\n(?P<value>(?:[A-Za-z0-9+/=]{16,}\r?\n?){2,})",
         "A .ppk file: PuTTY-User-Key-File-2/3 header, Public-Lines and the Private-Lines body.",
         "https://the.earth.li/~sgtatham/putty/0.78/htmldoc/AppendixC.html", (), "Private-Lines", full=True,
         gates=("Private-Lines:",), check=lambda v: random_enough(v.replace("\n", ""), 4.0)),
    # -- payments, commerce ------------------------------------------------------------------------------------
    _tok("stripe-test-key", "Stripe test or prod key", r"[sr]k_(?:test|prod)_[A-Za-z0-9]{10,99}",
         "sk_test_/rk_test_ (test mode: no money moves, but your test data and webhooks) or sk_prod_.",
         "https://docs.stripe.com/keys", ("stripe-access-token",), "STRIPE_TEST_KEY", body=8, floor=3.0,
         gates=("k_test_", "k_prod_"), severity="warning"),
    _tok("stripe-webhook-secret", "Stripe webhook signing secret", r"whsec_[A-Za-z0-9]{32,64}",
         "whsec_ and 32+ characters.", "https://docs.stripe.com/webhooks#verify-events", (),
         "STRIPE_WEBHOOK_SECRET"),
    _tok("square-access-token", "Square access token", r"(?:EAAA[\w\-]{22,60}|sq0atp-[\w\-]{22}|sq0csp-[\w\-]{43})",
         "EAAA and 60 characters (access token), sq0atp- (legacy) or sq0csp- (application secret).",
         "https://developer.squareup.com/docs/build-basics/access-tokens", ("square-access-token",),
         "SQUARE_ACCESS_TOKEN", body=4, gates=("EAAA", "sq0atp-", "sq0csp-"), floor=3.5),
    _tok("braintree-access-token", "PayPal Braintree access token",
         r"access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32}",
         "access_token$production$<merchant id>$<32 hex digits>.",
         "https://developer.paypal.com/braintree/docs/guides/authorization/access-token", (),
         "BRAINTREE_ACCESS_TOKEN", body=23, gates=("access_token$",)),
    _tok("shopify-token", "Shopify token", r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}",
         "shpat_ (admin), shpca_ (custom app), shppa_ (private app) or shpss_ (shared secret) and 32 hex digits.",
         "https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens",
         ("shopify-access-token", "shopify-custom-access-token", "shopify-private-app-access-token",
          "shopify-shared-secret"), "SHOPIFY_TOKEN", body=6, gates=("shpat_", "shpca_", "shppa_", "shpss_")),
    _tok("shippo-api-token", "Shippo API token", r"shippo_(?:live|test)_[a-fA-F0-9]{40}",
         "shippo_live_ or shippo_test_ and 40 hex digits.", "https://docs.goshippo.com/docs/guides_general/"
         "authentication/", ("shippo-api-token",), "SHIPPO_TOKEN", body=12, gates=("shippo_",)),
    _tok("duffel-api-token", "Duffel API token", r"duffel_(?:test|live)_[A-Za-z0-9_=\-]{43}",
         "duffel_test_ or duffel_live_ and 43 characters.", "https://duffel.com/docs/api/overview/authentication",
         ("duffel-api-token",), "DUFFEL_TOKEN", body=12, gates=("duffel_",)),
    _tok("easypost-api-key", "EasyPost API key", r"EZ[AT]K[A-Za-z0-9]{54}",
         "EZAK (production) or EZTK (test) and 54 characters.", "https://docs.easypost.com/docs/authentication",
         ("easypost-api-token", "easypost-test-api-token"), "EASYPOST_API_KEY", gates=("EZAK", "EZTK"), body=4),
    _tok("flutterwave-secret-key", "Flutterwave secret or encryption key",
         r"FLWSECK_TEST-(?:[a-hA-H0-9]{32}-X|[a-hA-H0-9]{12})",
         "FLWSECK_TEST- and 32 hex digits and -X (secret key), or 12 (encryption key).",
         "https://developer.flutterwave.com/docs/integration-guides/authentication",
         ("flutterwave-secret-key", "flutterwave-encryption-key"), "FLW_SECRET_KEY", end=r"(?![A-Za-z0-9])"),
    # -- messaging, mail ---------------------------------------------------------------------------------------
    _tok("slack-config-token", "Slack configuration token", r"xoxe(?:\.xox[bp])?-\d-[A-Za-z0-9]{146,166}",
         "xoxe.xoxb-/xoxe.xoxp- (configuration access) or xoxe- (refresh) and 146-166 characters.",
         "https://api.slack.com/authentication/config-tokens",
         ("slack-config-access-token", "slack-config-refresh-token"), "SLACK_CONFIG_TOKEN", body=7),
    _tok("discord-bot-token", "Discord bot token",
         r"(?<![\w\-.])(?P<value>[MNO][A-Za-z0-9_\-]{23,27}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,40})(?![\w\-.])",
         "Base64 of the bot's user id, a 6-character timestamp and a 27-40 character HMAC, dot-separated.",
         "https://discord.com/developers/docs/reference#authentication", ("discord-api-token",), "DISCORD_TOKEN",
         full=True, line_gate=("discord", "bot_token", "bot token"), check=lambda v: random_enough(v, 4.0)),
    _tok("telegram-bot-token", "Telegram bot token",
         r"(?<![\w:])(?P<value>[0-9]{5,16}:A[A-Za-z0-9_\-]{34})(?![\w\-])",
         "The bot id, a colon and 35 characters starting with A.", "https://core.telegram.org/bots/api#authorizing-"
         "your-bot", ("telegram-bot-api-token",), "TELEGRAM_BOT_TOKEN", full=True, line_gate=(":a",),
         check=lambda v: random_enough(v.split(":", 1)[1], 3.5)),
    _tok("microsoft-teams-webhook", "Microsoft Teams incoming webhook",
         r"(?P<value>https://[a-z0-9]+\.webhook\.office\.com/webhookb2/[a-z0-9\-]{36}@[a-z0-9\-]{36}/IncomingWebhook/"
         r"[a-z0-9]{32}/[a-z0-9\-]{36})", "https://<tenant>.webhook.office.com/webhookb2/<ids>/IncomingWebhook/…",
         "https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook",
         ("microsoft-teams-webhook",), "TEAMS_WEBHOOK", full=True, gates=(".webhook.office.com/",),
         check=lambda v: random_enough(v.rsplit("/", 2)[-2], 3.0)),
    _tok("mailchimp-api-key", "Mailchimp API key",
         r"(?<![A-Za-z0-9])(?P<value>[a-f0-9]{32}-us[0-9]{1,2})(?![A-Za-z0-9])",
         "32 hex digits, -us and the data-center number.", "https://mailchimp.com/developer/marketing/guides/"
         "quick-start/#generate-your-api-key", ("mailchimp-api-key",), "MAILCHIMP_API_KEY", full=True,
         line_gate=("-us",), check=lambda v: random_enough(v[:32], 3.0)),
    _tok("mailgun-api-key", "Mailgun private API key", r"key-[a-f0-9]{32}", "key- and 32 hex digits.",
         "https://documentation.mailgun.com/docs/mailgun/api-reference/authentication",
         ("mailgun-private-api-token",), "MAILGUN_API_KEY", floor=3.3),
    _tok("sendinblue-api-key", "Brevo (Sendinblue) API key", r"xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}",
         "xkeysib-, 64 hex digits, a dash and 16 characters.", "https://developers.brevo.com/docs/getting-started",
         ("sendinblue-api-token",), "BREVO_API_KEY"),
    # -- AI ----------------------------------------------------------------------------------------------------
    _tok("openai-api-key", "OpenAI API key",
         r"sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{58,74}T3BlbkFJ[A-Za-z0-9_\-]{58,74}|[A-Za-z0-9]{20}T3BlbkFJ"
         r"[A-Za-z0-9]{20})", "sk-, sk-proj-, sk-svcacct- or sk-admin- with the T3BlbkFJ marker in the middle.",
         "https://platform.openai.com/docs/api-reference/authentication", ("openai-api-key",), "OPENAI_API_KEY",
         gates=("T3BlbkFJ",), body=3),
    _tok("anthropic-api-key", "Anthropic API key", r"sk-ant-(?:api03|admin01)-[A-Za-z0-9_\-]{93}AA",
         "sk-ant-api03- (API) or sk-ant-admin01- (Admin API), 93 characters and AA.",
         "https://docs.anthropic.com/en/api/overview#authentication", ("anthropic-api-key", "anthropic-admin-api-key"),
         "ANTHROPIC_API_KEY", body=14),
    _tok("huggingface-token", "Hugging Face token", r"(?:hf_|api_org_)[A-Za-z]{34}",
         "hf_ (user access token) or api_org_ (organization) and 34 letters.",
         "https://huggingface.co/docs/hub/security-tokens",
         ("huggingface-access-token", "huggingface-organization-api-token"), "HF_TOKEN", body=3,
         gates=("hf_", "api_org_"), floor=3.5),
    _tok("perplexity-api-key", "Perplexity API key", r"pplx-[A-Za-z0-9]{48}", "pplx- and 48 characters.",
         "https://docs.perplexity.ai/guides/getting-started", ("perplexity-api-key",), "PERPLEXITY_API_KEY"),
    # -- observability, SaaS -----------------------------------------------------------------------------------
    _tok("grafana-token", "Grafana token",
         r"(?:eyJrIjoi[A-Za-z0-9]{70,400}={0,3}|glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})",
         "glsa_ (service account), glc_ (Grafana Cloud) or eyJrIjoi (legacy API key).",
         "https://grafana.com/docs/grafana/latest/administration/service-accounts/",
         ("grafana-api-key", "grafana-cloud-api-token", "grafana-service-account-token"), "GRAFANA_TOKEN", body=4,
         gates=("eyJrIjoi", "glc_", "glsa_"), end=_E64, floor=3.5),
    _tok("sentry-token", "Sentry auth token", r"(?:sntryu_[a-f0-9]{64}|sntrys_eyJpYXQiO[A-Za-z0-9+/=_]{60,600})",
         "sntryu_ and 64 hex digits (user token) or sntrys_ and a signed document (organization token).",
         "https://docs.sentry.io/account/auth-tokens/", ("sentry-user-token", "sentry-org-token"), "SENTRY_AUTH_TOKEN",
         body=7, gates=("sntryu_", "sntrys_"), end=_E64),
    _tok("new-relic-key", "New Relic key", r"(?:NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9\-]{32})",
         "NRAK- (user API key, 27 characters) or NRII- (insert key, 32 characters).",
         "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/",
         ("new-relic-user-api-key", "new-relic-insert-key"), "NEW_RELIC_API_KEY", body=5, gates=("NRAK-", "NRII-")),
    _tok("datadog-api-key", "Datadog API or application key",
         r"(?i)(?:datadog|dd)[_\-.]?(?:api|app(?:lication)?)?[_\-.]?key[\"']?\s*[:=]+\s*[\"']?(?P<value>[a-f0-9]{32}"
         r"|[a-f0-9]{40})(?![a-f0-9])", "32 hex digits (API key) or 40 (application key) named DD_API_KEY, "
         "DD_APP_KEY, datadog_api_key….", "https://docs.datadoghq.com/account_management/api-app-keys/",
         ("datadog-access-token",), "DD_API_KEY", full=True, line_gate=("datadog", "dd_api", "dd_app", "dd-api"),
         check=lambda v: random_enough(v, 3.0)),
    _tok("dynatrace-api-token", "Dynatrace API token", r"dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}",
         "dt0c01., the token id (24) and the secret (64).",
         "https://docs.dynatrace.com/docs/manage/identity-access-management/access-tokens-and-oauth-clients/"
         "access-tokens", ("dynatrace-api-token",), "DT_API_TOKEN", floor=4.0),
    _tok("databricks-api-token", "Databricks token", r"dapi[a-f0-9]{32}(?:-\d)?", "dapi and 32 hex digits.",
         "https://docs.databricks.com/en/dev-tools/auth/pat.html", ("databricks-api-token",), "DATABRICKS_TOKEN"),
    _tok("planetscale-token", "PlanetScale token", r"pscale_(?:tkn|oauth|pw)_[\w=.\-]{32,64}",
         "pscale_tkn_ (service token), pscale_oauth_ or pscale_pw_ (password) and 32-64 characters.",
         "https://planetscale.com/docs/concepts/service-tokens",
         ("planetscale-api-token", "planetscale-oauth-token", "planetscale-password"), "PLANETSCALE_TOKEN", body=10,
         gates=("pscale_",)),
    _tok("notion-api-token", "Notion integration token", r"ntn_[0-9]{11}[A-Za-z0-9]{35}",
         "ntn_, 11 digits and 35 characters.", "https://developers.notion.com/docs/authorization",
         ("notion-api-token",), "NOTION_TOKEN", floor=3.5),
    _tok("airtable-pat", "Airtable personal access token", r"pat[A-Za-z0-9]{14}\.[a-f0-9]{64}",
         "pat, 14 characters, a dot and 64 hex digits.", "https://airtable.com/developers/web/guides/personal-"
         "access-tokens", (), "AIRTABLE_TOKEN"),
    _tok("linear-api-key", "Linear API key", r"lin_api_[A-Za-z0-9]{40}", "lin_api_ and 40 characters.",
         "https://linear.app/developers/graphql#personal-api-keys", ("linear-api-key",), "LINEAR_API_KEY"),
    _tok("typeform-api-token", "Typeform token", r"tfp_[A-Za-z0-9_=.\-]{59}", "tfp_ and 59 characters.",
         "https://www.typeform.com/developers/get-started/personal-access-token/", ("typeform-api-token",),
         "TYPEFORM_TOKEN"),
    _tok("frameio-api-token", "Frame.io token", r"fio-u-[A-Za-z0-9_=\-]{64}", "fio-u- and 64 characters.",
         "https://developer.frame.io/docs/getting-started/authentication", ("frameio-api-token",), "FRAMEIO_TOKEN"),
    _tok("adobe-client-secret", "Adobe client secret", r"p8e-[A-Za-z0-9]{32}", "p8e- and 32 characters.",
         "https://developer.adobe.com/developer-console/docs/guides/authentication/", ("adobe-client-secret",),
         "ADOBE_CLIENT_SECRET"),
    _tok("maxmind-license-key", "MaxMind license key",
         r"(?<![A-Za-z0-9_])(?P<value>[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)(?![A-Za-z0-9_])",
         "6 characters, 29 characters and _mmk, underscore-separated.",
         "https://support.maxmind.com/hc/en-us/articles/4407111582235-Generate-a-License-Key",
         ("maxmind-license-key",), "MAXMIND_LICENSE_KEY", full=True, gates=("_mmk",),
         check=lambda v: random_enough(v[:-4], 3.5)),
    _tok("settlemint-token", "SettleMint token", r"sm_(?:aat|pat|sat)_[A-Za-z0-9]{16}",
         "sm_aat_, sm_pat_ or sm_sat_ and 16 characters.", "https://console.settlemint.com/documentation",
         ("settlemint-application-access-token", "settlemint-personal-access-token",
          "settlemint-service-access-token"), "SETTLEMINT_TOKEN", body=7, gates=("sm_aat_", "sm_pat_", "sm_sat_")),
    _tok("intra42-client-secret", "42 Intra client secret", r"s-s4t2(?:ud|af)-[a-f0-9]{64}",
         "s-s4t2ud- or s-s4t2af- and 64 hex digits.", "https://api.intra.42.fr/apidoc/guides/getting_started",
         ("intra42-client-secret",), "INTRA_SECRET", body=9, gates=("s-s4t2",)),
    _tok("defined-networking-api-token", "Defined Networking API token",
         r"dnkey-[A-Za-z0-9=_\-]{26}-[A-Za-z0-9=_\-]{52}", "dnkey-, 26 characters, a dash and 52 characters.",
         "https://docs.defined.net/guides/automating-host-creation/", ("defined-networking-api-token",),
         "DN_API_KEY"),
    _tok("authress-access-key", "Authress service client access key",
         r"(?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\.[A-Za-z0-9]{4,6}\.acc[_\-][A-Za-z0-9\-]{10,32}\.[A-Za-z0-9+/_="
         r"\-]{30,120}", "sc_/ext_/scauth_/authress_, the client id, the access key id (.acc_…) and the key.",
         "https://authress.io/knowledge-base/docs/authorization/service-clients", ("authress-service-client-access-key",),
         "AUTHRESS_KEY", gates=(".acc_", ".acc-"), body=3, end=_E64),
    _tok("okta-api-token", "Okta API token",
         r"(?i)okta[\w.\-]{0,30}[\"']?\s*[:=]+\s*[\"']?(?P<value>00[A-Za-z0-9_=\-]{40})(?![A-Za-z0-9_=\-])",
         "00 and 40 characters, named like okta…token.", "https://developer.okta.com/docs/guides/create-an-api-token/",
         ("okta-access-token",), "OKTA_API_TOKEN", full=True, line_gate=("okta",),
         check=lambda v: random_enough(v[2:], 4.0)),
    _tok("sidekiq-secret", "Sidekiq Enterprise/Pro credentials",
         r"(?i)BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM[\"']?\s*[:=]+\s*[\"']?(?P<value>[a-f0-9]{8}:[a-f0-9]{8})"
         r"(?![a-f0-9])", "BUNDLE_ENTERPRISE__CONTRIBSYS__COM / BUNDLE_GEMS__CONTRIBSYS__COM = 8 hex:8 hex.",
         "https://github.com/sidekiq/sidekiq/wiki/Sidekiq-Pro#installation", ("sidekiq-secret", "sidekiq-sensitive-url"),
         "BUNDLE_GEMS__CONTRIBSYS__COM", full=True, line_gate=("contribsys",),
         check=lambda v: random_enough(v.replace(":", ""), 2.5)),
    _tok("twitter-bearer-token", "X (Twitter) bearer token", r"A{22}[A-Za-z0-9%]{80,100}",
         "22 A's and 80-100 characters.", "https://developer.x.com/en/docs/authentication/oauth-2-0/bearer-tokens",
         ("twitter-bearer-token",), "TWITTER_BEARER_TOKEN", body=22, gates=("A" * 22,), floor=4.0),
    _tok("facebook-page-access-token", "Facebook access token", r"EAA[MC][A-Za-z0-9]{100,}",
         "EAAM or EAAC and 100+ characters.", "https://developers.facebook.com/docs/facebook-login/guides/"
         "access-tokens", ("facebook-page-access-token",), "FB_ACCESS_TOKEN", gates=("EAAM", "EAAC"), floor=4.0),
    _tok("jwt-base64", "Base64-encoded JSON Web Token", r"ZXlK[A-Za-z0-9+/]{60,}={0,2}",
         "A JWT (eyJ…) encoded once more in base64 (ZXlK…), as in Kubernetes secrets.", "https://www.rfc-editor.org/"
         "rfc/rfc7519", ("jwt-base64",), "TOKEN_B64", end=_E64, check=_b64_jwt, severity="warning"),
)
