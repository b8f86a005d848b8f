"""Configuration: `readiness.toml`, or `[tool.readiness]` in `pyproject.toml`; defaults for everything.

The schema is one table (`KEYS`): name, expected type, default and the description that `readiness init`
writes as a comment. Unknown keys and wrong types are errors naming the file, the key and the line.
The configuration never holds trust decisions: a repository cannot vouch for itself.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness.core.config_lines import line_of
from readiness.core.errors import ConfigError
from readiness.core.models import CATEGORIES, Severity
from readiness.core.paths import invalid_pattern
from readiness.core.secrets.find import invalid_regexes

MAX_CONFIG_SIZE = 1 << 20
MAX_FILE_SIZE_LIMIT = 1 << 30  # max_file_size above 1 GiB is refused: readiness reads each scanned file whole
MAX_TOML_DEPTH = 100  # arrays and inline tables nested deeper than this are refused before parsing
FAIL_ON = ("error", "warning", "never")
DEFAULT_TEST_GLOBS = (
    "tests/**", "test/**", "testing/**", "**/tests/**", "**/test/**", "**/__tests__/**",
    "**/test_*.py", "**/*_test.py", "**/conftest.py", "**/*_test.go", "**/*Test.java", "**/*Tests.java",
    "**/*Test.kt", "**/*.test.*", "**/*.spec.*", "**/*Tests.cs", "**/*Test.cs",
    # RSpec and minitest, Go's fixture folders, Jest's module mocks, PHPUnit, Swift's test targets
    "spec/**", "**/spec/**", "**/*_spec.rb", "**/*_test.rb", "**/testdata/**", "**/__mocks__/**", "**/*Test.php",
    "Tests/**", "**/Tests/**",
)
# Keys a repository might try to set to trust itself or switch redaction off: refused outright.
FORBIDDEN_KEYS = frozenset({"trust", "trusted", "trusted_paths", "trusted_config_paths", "redact", "mask_secrets"})


@dataclass(frozen=True)
class Key:
    name: str
    kind: str  # "str", "int", "bool", "list[str]", "table", "list[table]"
    default: Any
    description: str
    check: Callable[[Any], str | None] | None = None  # returns an error text or None


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str | None]:
    return lambda value: None if value in choices else f"must be one of {', '.join(choices)}"


def _positive(value: Any) -> str | None:
    return None if value > 0 else "must be a positive number"


def _at_most(high: int, unit: str = "") -> Callable[[Any], str | None]:
    """A positive number with an upper bound: huge values (9223372036854775807) are refused, not obeyed into a
    crash."""
    return lambda value: _positive(value) or (None if value <= high else f"must be at most {high}{unit}")


def _relative_inside(value: str) -> str | None:
    """A path relative to the repository root that cannot climb out of it (no leading / or \\, no `..`)."""
    parts = value.replace("\\", "/").split("/")
    if not value.strip() or value.startswith(("/", "\\")) or "\0" in value or ".." in parts or \
            (len(value) > 1 and value[1] == ":"):
        return "must be a path inside the repository, relative to its root (no leading / and no ..)"
    return None


def _severity_table(value: dict) -> str | None:
    for category, severity in value.items():
        if category not in CATEGORIES:
            return f"unknown category {category!r} (known: {', '.join(CATEGORIES)})"
        if severity not in tuple(Severity):
            return f"{category}: severity must be one of info, warning, error"
    return None


def _waiver_list(value: list) -> str | None:
    for entry in value:
        if set(entry) - {"id", "reason"}:
            return f"waiver entries take only id and reason, got {sorted(set(entry) - {'id', 'reason'})}"
        if not isinstance(entry.get("id"), str) or not entry["id"]:
            return "every waiver needs an id (the finding id from the report)"
        if not isinstance(entry.get("reason"), str) or not entry["reason"].strip():
            return f"waiver {entry['id']} needs a reason"
    return None


KEYS: dict[str, Key] = {k.name: k for k in (
    Key("base", "str", None, "Base branch or ref to compare against (default: auto-detected)."),
    Key("include", "list[str]", [], "Path patterns (gitignore style): when set, only matching files are scanned.",
        invalid_pattern),
    Key("exclude", "list[str]", [], "Path patterns (gitignore style) of files never scanned.", invalid_pattern),
    Key("max_file_size", "int", 1 << 20, "Files larger than this many bytes are skipped with an info finding.",
        _at_most(MAX_FILE_SIZE_LIMIT, f" bytes ({MAX_FILE_SIZE_LIMIT >> 20} MiB)")),
    Key("fail_on", "str", "error", "Lowest unwaived severity that makes a run not ready: error, warning, never.",
        _one_of(FAIL_ON)),
    Key("test_globs", "list[str]", list(DEFAULT_TEST_GLOBS), "Path patterns of test files (their stubs are info).",
        invalid_pattern),
    Key("severity", "table", {}, "Per-category severity overrides, e.g. { missing-test = \"info\" }.",
        _severity_table),
    Key("waivers", "list[table]", [], "Waived findings: [{ id = \"<finding id>\", reason = \"why\" }].",
        _waiver_list),
    Key("docs_file", "str", "README.md", "README where `readiness blocker` keeps the ## Blockers log (relative path).",
        lambda v: None if v and not v.startswith(("/", "\\")) and ".." not in v.replace("\\", "/").split("/")
        else "must be a path inside the repository, relative to its root"),
    Key("checklists_dir", "str", "checklists", "Folder of your own checklists (*.toml), relative to the repository "
        "root; a checklist there with a built-in's id replaces the built-in.",
        lambda v: None if v.strip() and not v.startswith(("/", "\\")) and ".." not in v.replace("\\", "/").split("/")
        else "must be a relative folder inside the repository"),
    Key("checklists_required", "list[str]", ["ready-for-review", "merge"],
        "Checklists whose failing items make a run not ready."),
    Key("strict", "bool", False, "Checklist items awaiting your confirmation make a run not ready (like --strict)."),
    Key("test_roots", "list[str]", ["tests", "test", "testing", "spec", "specs", "__tests__"], "Folder names whose "
        "contents mirror the source tree: a test under tests/ may be named after a source file anywhere below."),
    Key("large_change_lines", "int", 400, "Changed source lines from which a change with no test change is a "
        "\"large untested refactor\" (the methodology's anti-pattern): the merge checklist warns.",
        lambda v: None if v > 0 else "must be a positive number of lines"),
    Key("source_roots", "list[str]", ["src", "lib"], "Folders that hold the sources (stripped to get Python module "
        "names and to match tests to sources by place)."),
    Key("missing_test_exempt", "list[str]", [
        "/setup.py", "**/conftest.py", "/noxfile.py", "/fabfile.py", "/tasks.py", "**/manage.py", "**/migrations/**",
        "docs/**", "doc/**", "examples/**", "example/**", "scripts/**", "**/benchmarks/**", "**/benchmark/**",
        "**/bench/**",
        "**/__main__.py", "**/_version.py", "**/version.py", "**/settings.py", "**/*.d.ts", "**/*.config.js",
        "**/*.config.ts", "**/*.config.mjs", "**/*.config.cjs", "**/*.min.js", "**/vendor/**", "**/third_party/**",
        "**/node_modules/**", "**/*_pb2.py", "**/*_pb2_grpc.py", "**/*.pb.go", "**/templates/**", "**/Gruntfile.js",
        "**/gulpfile.js", "**/Gulpfile.js", "**/setup.py", "packaging/**", "hacking/**", "ci/**", ".github/**"],
        "Path patterns of source files that never need their own test (missing-test/no-test-file skips them).",
        invalid_pattern),
    Key("test_naming_convention", "bool", False, "Report test files not named <scope>/test_<unit>__<behavior>.py "
        "(missing-test/naming-convention, info)."),
    Key("docs_usage_sections", "list[str]", ["usage", "getting started", "quick start", "quickstart", "how to use",
        "use", "using", "examples", "example", "tutorial", "commands", "running"],
        "README headings (words, case-insensitive) that count as the usage section."),
    Key("docs_recovery_sections", "list[str]", ["troubleshooting", "troubleshoot", "recovery", "recovering", "faq",
        "frequently asked questions", "known issues", "known limitations", "common problems", "common issues",
        "common errors", "errors", "error handling", "debugging", "rollback", "runbook", "failure modes"],
        "README headings (words, case-insensitive) that count as the recovery / troubleshooting section."),
    Key("gates", "table", {}, "Quality gates, one table each: [tool.readiness.gates.<id>] with command, args, timeout, "
        "enabled, threshold; a new id with a command adds a gate.",
        lambda v: __import__("readiness.core.gates.settings", fromlist=["check_table"]).check_table(v)),
    Key("python", "str", "", "Interpreter for the tests, coverage and smoke gates (empty: the active virtualenv, "
        "then .venv or venv in the repository, then readiness's own)."),
    Key("smoke_commands", "list[str]", [], "Extra smoke-gate commands that must exit 0, e.g. [\"mytool --version\"]."),
    Key("performance_baseline", "str", "benchmarks/baseline.json", "Benchmark baseline the performance gate "
        "looks for (relative path).",
        _relative_inside),
    Key("hot_paths", "list[str]", [], "Path patterns of performance-critical files; the baseline must be newer "
        "than their last change, e.g. [\"src/core/**\"].", invalid_pattern),
    Key("secret_allowlist", "list[str]", [], "Regular expressions: a secret finding whose value or line matches one "
        "is not reported (e.g. \"^AKIA[A-Z2-7]{12}FAKE$\").", invalid_regexes),
    Key("skip_unwritten", "bool", True, "Leave out folders nobody wrote even when git does not ignore them: "
        "virtual environments (pyvenv.cfg), node_modules, site-packages, __pycache__, .tox, .nox, *.egg-info, "
        "untracked build/ and dist/."),
    Key("secret_allowlist_paths", "list[str]", [], "Path patterns (gitignore style) of files never scanned for "
        "secrets (fixtures with fake keys, e.g. \"tests/fixtures/**\").", invalid_pattern),
)}


@dataclass
class Config:
    values: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None

    def __getitem__(self, name: str) -> Any:
        if name in self.values:
            return self.values[name]
        return KEYS[name].default

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, KEYS[name].default if name in KEYS else default)


def _type_ok(kind: str, value: Any) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "list[str]":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "table":
        return isinstance(value, dict)
    if kind == "list[table]":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    return False


def _line_of(text: str, key: str) -> int | None:
    match = re.search(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*[=.]", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _read(path: Path, root: Path | None = None) -> str:
    """The text of a configuration or checklist file: regular, under 1 MiB, UTF-8; with `root`, a symlink that
    resolves outside the repository `root` is refused (a clone cannot make readiness read files elsewhere)."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    if root is not None:
        real_root, target_path = os.path.realpath(root), os.path.realpath(path)
        if os.path.commonpath([real_root, target_path]) != real_root:
            raise ConfigError(f"{path}: resolves to {target_path}, outside the repository: refusing to read it "
                              "(replace the symlink with a regular file, or pass --config FILE explicitly)")
        if ".git" in (part.lower() for part in Path(os.path.relpath(target_path, real_root)).parts):
            raise ConfigError(f"{path}: resolves to {target_path}, inside the git directory: refusing to use git's "
                              "own files as configuration (replace the symlink with a regular file)")
    if stat.S_ISLNK(info.st_mode):
        target = path.resolve()
        if not target.is_file():
            raise ConfigError(f"{path}: is a symlink to something that is not a regular file")
        info = os.stat(target)
    elif not stat.S_ISREG(info.st_mode):
        raise ConfigError(f"{path}: not a regular file")
    if info.st_size > MAX_CONFIG_SIZE:
        raise ConfigError(f"{path}: larger than 1 MiB, refusing to parse it")
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid UTF-8 (TOML files must be UTF-8)") from None


def validate(table: dict, source: Path, text: str, prefix: str = "") -> dict[str, Any]:
    values: dict[str, Any] = {}
    root = ("tool", "readiness") if source.name == "pyproject.toml" else ()
    for name, value in table.items():
        where = f"{source}:{line_of(text, (*root, name)) or _line_of(text, name) or '?'}"
        if name == "tool" and not root and isinstance(value, dict) and "readiness" in value:
            raise ConfigError(f"{where}: [tool.readiness] is how pyproject.toml names the table; in {source.name} "
                              "the keys go at the top level: drop `tool.readiness` from the table headers "
                              "(`[tool.readiness]` goes, `[tool.readiness.gates.lint]` becomes `[gates.lint]`)")
        if name in FORBIDDEN_KEYS:
            raise ConfigError(f"{where}: {prefix}{name} is not allowed: trust and redaction are never set by the "
                              "repository's own configuration (use `readiness trust` for trust)")
        key = KEYS.get(name)
        if key is None:
            close = [k for k in KEYS if k.replace("_", "") == name.replace("_", "").replace("-", "")]
            hint = f" (did you mean {close[0]}?)" if close else f" (known keys: {', '.join(sorted(KEYS))})"
            raise ConfigError(f"{where}: unknown key {prefix}{name}{hint}")
        if not _type_ok(key.kind, value):
            raise ConfigError(f"{where}: {prefix}{name} must be {key.kind.replace('table', 'a table')}, "
                              f"got {type(value).__name__}")
        problem = key.check(value) if key.check else None
        if problem:
            inner = tuple(getattr(problem, "path", ()))  # a table's check may say which key inside it is wrong
            if inner:
                line = line_of(text, (*root, name, *inner)) or "?"
                table_name = ".".join((*root, name, *inner[:1]))
                raise ConfigError(f"{source}:{line}: [{table_name}] {getattr(problem, 'detail', problem)}")
            raise ConfigError(f"{where}: {prefix}{name} {problem}")
        values[name] = value
    return values


def find_config(root: Path) -> tuple[Path, dict, str] | None:
    """`readiness.toml` wins over `pyproject.toml`'s [tool.readiness], like ruff.toml over pyproject.toml."""
    for name in ("readiness.toml", ".readiness.toml"):
        path = root / name
        if os.path.lexists(path):
            text = _read(path, root)
            return path, _parse(path, text), text
    path = root / "pyproject.toml"
    if os.path.lexists(path):
        text = _read(path, root)
        table = _parse(path, text).get("tool", {}).get("readiness")
        if table is not None:
            if not isinstance(table, dict):
                raise ConfigError(f"{path}: tool.readiness must be a table")
            return path, table, text
    return None


def _parse(path: Path, text: str) -> dict:
    return parse_toml(text, str(path), "(fix the file, or move it aside to use the defaults)")


def parse_toml(text: str, label: str, hint: str = "") -> dict:
    """tomllib.loads that turns every failure into one ConfigError naming `label`: invalid TOML, and arrays or
    inline tables nested deeper than MAX_TOML_DEPTH (refused before parsing: the parser would recurse until
    Python's recursion limit)."""
    depth = _nesting(text)
    if depth > MAX_TOML_DEPTH:
        raise ConfigError(f"{label}: arrays or tables nested {depth} deep (more than {MAX_TOML_DEPTH}): refusing to "
                          f"parse it {hint}".rstrip())
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{label}: invalid TOML: {exc} {hint}".rstrip()) from None
    except RecursionError:
        raise ConfigError(f"{label}: nested too deeply to parse {hint}".rstrip()) from None


_STRING_OR_COMMENT = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*')


def _nesting(text: str) -> int:
    """The deepest nesting of [ and { outside strings and comments (an upper bound is enough here)."""
    deepest = depth = 0
    for char in _STRING_OR_COMMENT.sub("", text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
    return deepest


def load(root: Path, explicit: Path | None = None) -> Config:
    """Load and validate the configuration of the repository at `root` (defaults when there is none)."""
    if explicit is not None:
        text = _read(explicit)
        data = _parse(explicit, text)
        table = data.get("tool", {}).get("readiness", data) if explicit.name == "pyproject.toml" else data
        return Config(validate(table, explicit, text), explicit)
    found = find_config(root)
    if found is None:
        return Config()
    path, table, text = found
    return Config(validate(table, path, text), path)


def relative_source(cfg: Config, root: Path) -> str:
    """The configuration file as a path relative to `root` ("" when the defaults are used)."""
    if cfg.source is None:
        return ""
    try:
        return Path(cfg.source).resolve().relative_to(Path(root).resolve()).as_posix()
    except (ValueError, OSError):
        return Path(cfg.source).name


def render_init(table_header: str = "[tool.readiness]") -> str:
    """A commented configuration table with every key at its default, for `readiness init`."""
    out = [table_header]
    for key in KEYS.values():
        out.append(f"# {key.description}")
        out.append(f"# {key.name} = {_toml_value(key.default)}")
    return "\n".join(out) + "\n"


def init_text(existing: str | None, pyproject: bool) -> str:
    """The configuration file `readiness init` writes: `existing` pyproject.toml text with a commented
    `[tool.readiness]` table added (through tomlkit: the rest of the file is kept byte for byte), or a new
    readiness.toml. Refuses (ConfigError) a pyproject.toml that does not parse or where `tool` is not a table."""
    if not pyproject:
        return render_init("# readiness configuration (https://pypi.org/project/readiness)")
    import tomlkit  # deferred: ~10 ms at every start, for `readiness init` only

    text = existing or ""
    if _nesting(text) > MAX_TOML_DEPTH:
        raise ConfigError(f"pyproject.toml: arrays or tables nested more than {MAX_TOML_DEPTH} deep: refusing to "
                          "parse it (fix it, or use --toml)")
    try:
        doc = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigError(f"pyproject.toml: invalid TOML: {exc} (fix it, or use --toml)") from None
    table = tomlkit.table()
    for line in render_init("").splitlines()[1:]:
        table.add(tomlkit.comment(line[2:]))
    tool = doc.get("tool")
    if tool is None:
        doc.append("tool", tomlkit.table(is_super_table=True))
        tool = doc["tool"]
    if not isinstance(tool, tomlkit.items.Table):
        raise ConfigError("pyproject.toml: tool is not a table: add [tool.readiness] by hand, or use --toml")
    tool.append("readiness", table)
    out = doc.as_string()
    if "\r\n" in text:
        out = out.replace("\r\n", "\n").replace("\n", "\r\n")
    return out


def _toml_value(value: Any) -> str:
    """`value` as a TOML value, written by tomlkit (strings escaped); None (an auto-detected default) shows "main"."""
    import tomlkit  # deferred (see `init_text`)

    if value is None:
        value = "main"
    if isinstance(value, dict):
        table = tomlkit.inline_table()
        table.update(value)
        return table.as_string()
    return tomlkit.item(value).as_string()
