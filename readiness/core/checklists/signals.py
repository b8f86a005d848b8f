"""What a change touches, read from its changed lines: the conditions under which a manual checklist item is asked.

The methodology asks a person to confirm persistence, contracts, rollout, component tests and observability only
where the change has them ("Persistence & Queries", "Public Contract First", "Rollout Plan", "6.1 Test Categories:
one component test if cross-module interaction added", "Make behavior visible"). Asking all of them on every branch
teaches people to skip checklists, so each manual item names the signals that make it apply (`applies_when.signals`
on an item, `when` on a check inside `all`/`any`), and this module says which signals a change shows, with the first
place that shows each one (the item's detail names it).

Signals (each from changed, non-test source lines; a new file counts as changed throughout):
- `persistence`: database, ORM, migration or file-writing code (`open(..., "w")`, `.write_text(`, `json.dump(`,
  `.execute(`, `session.commit(`, `.save(`, SQL statements, a migrations folder, `*.sql`).
- `contract`: the public contract: a public function's signature, CLI arguments, schemas, routes, serialised
  formats (includes `format`).
- `format`: an externally consumed format only: schemas (`*.proto`, `*.graphql`, `*schema*.json`, OpenAPI), CLI
  arguments, HTTP routes, JSON output, serialisers.
- `rollout`: configuration keys and feature flags (environment variables, settings, config files, flags).
- `imports`: two changed source files import each other (Python and relative JS/TS imports): a cross-module change.
- `io`: new code paths with I/O (files, network, subprocesses, databases).
- `large-untested`: at least `large_lines` changed source code lines and no test file changed ("Large untested
  refactors without interface contracts", Anti-Patterns to Avoid).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

from readiness.core.names import shown_name
from readiness.core.paths import matches_any
from readiness.core.scan._source.imports import (
    import_statements,
    package_of,
    python_module_names,
    resolve_relative,
)
from readiness.core.scan.base import SourceFile

SIGNALS = ("persistence", "contract", "format", "rollout", "imports", "io", "large-untested", "flaky-overdue")

# Why an item that needs a signal does not apply when the change does not show it ("does not apply: ...").
ABSENT = {
    "persistence": "the change writes no database, ORM, migration or file state",
    "contract": "the change alters no public signature, CLI argument, schema, route or output format",
    "format": "the change alters no externally consumed format (CLI arguments, JSON output, API route, schema)",
    "rollout": "the change adds no configuration key, environment variable or feature flag",
    "imports": "no two changed source files import each other",
    "io": "the change adds no code path with I/O (files, network, subprocesses, databases)",
    "large-untested": "the change is not a large one without test changes",
    "flaky-overdue": "no flaky marker in the test files in scope is older than 72 h",
}

_CODE = ("python", "javascript", "typescript", "java", "kotlin", "go", "rust", "ruby", "php", "csharp", "scala",
         "swift", "c", "cpp")
_PERSISTENCE_LINE = re.compile(
    r"""\bopen\([^)\n]*,\s*(?:mode\s*=\s*)?f?["'][^"']*[wax+]|\.write_(?:text|bytes)\(|\bos\.(?:replace|rename)\(|"""
    r"""\bshutil\.(?:copy\w*|move)\(|\b(?:json|pickle|yaml|toml|tomlkit|marshal)\.dump\(|\.to_(?:csv|parquet|sql)\(|"""
    r"""\.(?:execute|executemany|executescript)\(|\bcursor\(|\bsession\.(?:add|delete|merge|flush|commit)\(|"""
    r"""\.save\(|\.objects\.(?:create|update|bulk_create|get_or_create|update_or_create|delete)\(|\bsqlite3\b|"""
    r"""\bsqlalchemy\b|\bmodels\.Model\b|\bmigrations\.\w|(?i:\b(?:insert\s+into|delete\s+from|create\s+table|"""
    r"""alter\s+table)\b)|\bfs\.(?:writeFile|appendFile|rename)\w*\(|\batomic_write\w*\(|\.transaction\(""")
_PERSISTENCE_PATHS = ("**/migrations/**", "migrations/**", "*.sql", "**/alembic/**", "alembic/**")
_FORMAT_LINE = re.compile(
    r"""\.add_argument\(|\.add_parser\(|\.add_subparsers\(|@click\.(?:option|argument|command|group)\b|"""
    r"""\btyper\.(?:Option|Argument)\b|@\w+\.(?:get|post|put|patch|delete|route|api_route)\(|\burl(?:patterns)?\b\s*[=(]|"""
    r"""\bre_path\(|\bpath\(\s*["']|\bdef\s+to_(?:dict|json)\(|\bjson\.dumps?\(|\bJSONResponse\(|\bSerializer\b|"""
    r"""\bSchema\b|\bBaseModel\b|\bschema_version\b""")
_FORMAT_PATHS = ("*.proto", "*.graphql", "*.gql", "*.avsc", "*schema*.json", "*.schema.*", "**/openapi*", "openapi*",
                 "**/swagger*", "swagger*", "*.xsd", "**/schemas/**", "schemas/**")
_PUBLIC_DEF = re.compile(r"^(?:[ \t]*(?:async[ \t]+)?def|[ \t]*class|(?:export[ \t]+)(?:async[ \t]+)?function|"
                         r"(?:pub[ \t]+)fn|func(?:[ \t]+\([^)]*\))?)[ \t]+([A-Za-z]\w*)")
_ROLLOUT_LINE = re.compile(
    r"""\bos\.environ\b|\bgetenv\(|\bprocess\.env\.|\bfeature[_-]?flags?\b|\bFEATURE_[A-Z0-9_]+|"""
    r"""\bis_(?:feature_)?enabled\(|\bsettings\.[A-Z][A-Z0-9_]+\b|\bflags\.\w+""")
_ROLLOUT_PATHS = ("*.ini", "*.cfg", ".env", ".env.*", "**/.env", "**/.env.*", "**/settings.py", "**/settings/*.py",
                  "settings.py", "config/**", "**/config/*.y*ml", "Dockerfile", "**/Dockerfile", "docker-compose*.y*ml",
                  "*.tf", "helm/**", "k8s/**", "deploy/**", "**/deploy/**")
_IO_LINE = re.compile(
    r"""\bopen\(|\.(?:read|write)_(?:text|bytes)\(|\brequests\.\w+\(|\burlopen\(|\bhttpx\.|\baiohttp\.|\bsocket\.|"""
    r"""\bsubprocess\.|\.(?:send|sendall|recv|connect|request|urlopen)\(|\bfetch\(|\.execute\(|\bos\.(?:remove|"""
    r"""unlink|makedirs|mkdir|listdir|scandir|replace|rename)\(|\bshutil\.|\bcursor\(|\bfs\.\w+\(|\bhttp\.\w+\(|"""
    r"""\bsession\.(?:get|post|put|delete|send|request|execute)\(|\bconn(?:ection)?\.\w+\(""")
_JS_IMPORT = re.compile(r"""(?:\bfrom\s+|\brequire\(\s*|\bimport\s*\(\s*)["'](\.{1,2}/[^"']+)["']""")
_PY_TOKEN = re.compile(r"'''|\"\"\"|#.*|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_C_COMMENT = re.compile(r"^\s*(?://|\*|/\*).*|//.*")
_NON_BLANK_LINE = re.compile(r"^[^\S\n]*\S", re.M)  # a line (split on \n) holding more than whitespace
_JS_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx")


def _changed_text(source: SourceFile) -> str:
    if source.changed is None:
        return source.text
    return "\n".join(source.line(n) for n in sorted(source.changed))


def _code_lines(source: SourceFile) -> list[str]:
    """The file's lines with comments and triple-quoted strings (docstrings, long literals) blanked out, so a
    docstring that mentions `open(` or a comment about a migration is no signal. Short strings stay: a file mode
    (`"w"`) or a route (`path("...")`) is evidence."""
    out: list[str] = []
    quote: str | None = None
    python = source.language == "python"
    for line in source.lines:
        kept: list[str] = []
        pos = 0
        while pos < len(line):
            if quote is not None:
                end = line.find(quote, pos)
                if end < 0:
                    pos = len(line)
                    break
                pos, quote = end + 3, None
                continue
            match = _PY_TOKEN.search(line, pos) if python else _C_COMMENT.search(line, pos)
            if match is None:
                kept.append(line[pos:])
                break
            kept.append(line[pos:match.start()])
            token = match.group()
            if token in ("'''", '"""'):
                quote, pos = token, match.end()
            elif token.startswith(("#", "//")):
                break
            else:
                kept.append(token)
                pos = match.end()
        out.append("".join(kept))
    return out


def _first_line(source: SourceFile, pattern: re.Pattern[str], code: dict[str, list[str]]) -> int | None:
    """The first changed code line of `source` matching `pattern` (comments and docstrings never count); `code`
    caches each file's code lines."""
    if not pattern.search(_changed_text(source)):  # cheap: most files show no signal at all
        return None
    if source.path not in code:
        code[source.path] = _code_lines(source)
    lines = code[source.path]
    numbers = range(1, len(lines) + 1) if source.changed is None else sorted(source.changed)
    for number in numbers:
        if 1 <= number <= len(lines) and pattern.search(lines[number - 1]):
            return number
    return None


def _is_private(path: str) -> bool:
    return any(part.startswith("_") and part not in ("__init__.py", "__main__.py") for part in path.split("/"))


def _public_signature(source: SourceFile) -> int | None:
    if _is_private(source.path):
        return None
    numbers = range(1, len(source.lines) + 1) if source.changed is None else sorted(source.changed)
    for number in numbers:
        match = _PUBLIC_DEF.match(source.line(number))
        if match and not match.group(1).startswith("test"):
            return number
    return None


def _python_edges(sources: list[SourceFile], roots: tuple[str, ...]) -> str | None:
    paths = frozenset(s.path for s in sources)
    names = {s.path: python_module_names(s.path, paths, roots) for s in sources}
    owner = {name: path for path, found in names.items() for name in found}
    for source in sources:
        package = package_of(source.path, names[source.path])
        for module, imported, _ in import_statements(source.text):
            target = module
            if module.startswith("."):
                resolved = resolve_relative(module, package)
                if resolved is None:
                    continue
                target = resolved
            candidates = [f"{target}.{n.split(' as ')[0].strip()}" for n in imported or ()] + [target]
            # a package's __init__ only re-exports: importing it is no interaction between two changed modules
            hit = next((owner[c] for c in candidates if c in owner and owner[c] != source.path
                        and not owner[c].endswith("__init__.py")), None)
            if hit is not None:
                return f"{source.path} imports {hit}"
    return None


def _js_edges(sources: list[SourceFile]) -> str | None:
    paths = {s.path for s in sources}
    for source in sources:
        folder = PurePosixPath(source.path).parent
        for match in _JS_IMPORT.finditer(source.text):
            base = _normal(folder / match.group(1))
            options = [base] + [base + s for s in _JS_SUFFIXES] + [f"{base}/index{s}" for s in _JS_SUFFIXES]
            hit = next((p for p in options if p in paths and p != source.path), None)
            if hit is not None:
                return f"{source.path} imports {hit}"
    return None


def _normal(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _non_blank(source: SourceFile) -> int:
    """The number of non-blank changed lines (a whole new file: counted over its text, without splitting it)."""
    if source.changed is None:
        return len(_NON_BLANK_LINE.findall(source.text))
    return sum(1 for number in source.changed if source.line(number).strip())


def _where(source: SourceFile, number: int | None) -> str:
    return source.path if number is None else f"{source.path}:{number}"


def change_signals(files: Iterable[SourceFile], changed_paths: Iterable[str] = (),
                   source_roots: tuple[str, ...] = ("src",), large_lines: int = 400) -> dict[str, str]:
    """The signals the change shows: signal -> where (the first place that shows it, `path:line`). A signal
    missing from the result is absent; ABSENT says why an item needing it does not apply."""
    found: dict[str, str] = {}
    paths = sorted(set(changed_paths))
    files = list(files)
    for signal, globs in (("persistence", _PERSISTENCE_PATHS), ("format", _FORMAT_PATHS),
                          ("rollout", _ROLLOUT_PATHS)):
        hit = next((p for p in paths if matches_any(p, globs)), None)
        if hit is not None:
            found[signal] = hit
    code = [s for s in files if not s.is_test and s.language in _CODE]
    code_lines: dict[str, list[str]] = {}
    for source in code:
        for signal, pattern in (("persistence", _PERSISTENCE_LINE), ("format", _FORMAT_LINE),
                                ("rollout", _ROLLOUT_LINE), ("io", _IO_LINE)):
            number = None if signal in found else _first_line(source, pattern, code_lines)
            if number is not None:
                found[signal] = _where(source, number)
        if "contract" not in found:
            number = _public_signature(source)
            if number is not None:
                found["contract"] = f"{_where(source, number)} (a public signature)"
    if "format" in found and "contract" not in found:
        found["contract"] = found["format"]
    python = [s for s in code if s.language == "python"]
    edge = _python_edges(python, source_roots) if len(python) > 1 else None
    js = [s for s in code if s.path.endswith(_JS_SUFFIXES)]
    edge = edge or (_js_edges(js) if len(js) > 1 else None)
    if edge is not None:
        found["imports"] = edge
    if not any(s.is_test for s in files):  # a change with a test file is never `large-untested`: nothing to count
        size = sum(_non_blank(s) for s in code)
        if size >= large_lines:
            found["large-untested"] = (f"{size} changed source lines in {len(code)} files and no test file changed "
                                       f"(threshold large_change_lines = {large_lines})")
    return {s: _shown(found[s], [*paths, *(f.path for f in files)]) for s in SIGNALS if s in found}


def _shown(evidence: str, paths: Iterable[str]) -> str:
    """The evidence with every path as readiness shows paths: undecodable bytes escaped, a token in a name masked."""
    for path in sorted(set(paths), key=len, reverse=True):
        if path in evidence:
            evidence = evidence.replace(path, shown_name(path))
    return evidence


def describe(signals: Mapping[str, str], wanted: Iterable[str]) -> str | None:
    """Why an item that needs any of `wanted` does not apply (None: one of them is present)."""
    wanted = tuple(wanted)
    if any(w in signals for w in wanted):
        return None
    return "; ".join(ABSENT.get(w, f"the change shows no {w}") for w in wanted)
