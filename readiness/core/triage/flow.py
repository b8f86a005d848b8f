"""The rapid triage flow (methodology, "If Blocked") as a small state machine with no I/O.

1. Classify: build, logic, integration or environment, suggested from evidence (gate results, failing output,
   findings).
2. Reduce scope: mark what is deferred (checklist items, changed modules); the rest is the smallest viable subset.
3. Log: the README entry, previewed before anything is written.
4. Follow-up: a ticket in Markdown (title, context, what was deferred, acceptance criteria).
5. Continue: the next independent module, one that does not import a blocked module (Python import graph).

`Triage` is immutable: each step returns a new value, `back()` returns to the previous step with the answers
kept. The headless command and the terminal prompts drive it today, the TUI wizard later; they do the I/O
(reading evidence, writing the README, saving the ticket) with what it computes.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from readiness.core.blockers.log import CLASSES, NewBlocker, clean_field, entry_lines, escape, refuse_secrets
from readiness.core.errors import UsageError


class TriageError(UsageError):
    """A triage answer that cannot be accepted, or a step taken out of order."""


class Step(enum.IntEnum):
    CLASSIFY = 1
    SCOPE = 2
    LOG = 3
    FOLLOW_UP = 4
    CONTINUE = 5
    DONE = 6

    @property
    def title(self) -> str:
        return {1: "Classify", 2: "Reduce scope", 3: "Log", 4: "Follow-up", 5: "Continue", 6: "Done"}[self.value]


# -- step 1: evidence ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Evidence:
    """Something that failed: a gate result, a saved output, or findings of one category. `status` as in
    GateResult (fail, error, timeout)."""

    source: str  # "gate tests", "pytest.log", "2 todo-throw findings"
    text: str = ""
    status: str = "fail"
    gate: str | None = None
    integration: bool = False  # output of integration-marked tests
    category: str | None = None  # findings: their category ("todo-throw")


@dataclass(frozen=True)
class Suggestion:
    klass: str
    reason: str  # "gate tests failed: ModuleNotFoundError: No module named 'psycopg'" (secrets masked)


_FAILED = ("fail", "error", "timeout")
ORDER = ("build", "environment", "integration", "logic")
# Weaker evidence, used only when no output names the problem: what a failing gate, or a kind of finding, usually
# means (in this order of weight). Lint and smoke failures are fixed before the code builds and starts cleanly;
# failing tests, coverage, security, performance or docs gates, and the scanners' findings, are work in the code.
GATE_CLASS = {"build": "build", "tests": "logic", "smoke": "build", "lint": "build", "coverage": "logic",
              "security": "logic", "performance": "logic", "docs": "logic"}
FINDING_CLASS = {"todo-throw": "logic", "silent-failure": "logic", "hardcoded-secret": "logic",
                 "printed-secret": "logic", "missing-test": "logic", "missing-docs": "logic"}


@functools.cache
def _rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Evidence patterns per class, strongest first; compiled on first use."""
    return (
        ("build", re.compile(r"\b(SyntaxError|IndentationError|TabError)\b|:\d+:\d+: (fatal )?error\b|"
                             r"\berror(\[E\d+\]| TS\d+)|compilation (failed|terminated)|\bbuild failed\b", re.I)),
        ("environment", re.compile(
            r"\bModuleNotFoundError\b|No module named|command not found|: not found$|executable file not found|"
            r"is not recognized as an internal or external command|No such file or directory: '[^'/\\]+'$|"
            r"\[Errno 2\] No such file or directory: '[^'/\\]+'|connection refused|ECONNREFUSED|ConnectionRefusedError|"
            r"permission denied|PermissionError|EACCES|Operation not permitted|Could not resolve host|"
            r"Name or service not known|getaddrinfo failed|No space left on device", re.I)),
        ("integration", re.compile(
            r"\bTimeoutError\b|timed out|\b(Read|Connect)Timeout\b|\bHTTPError\b|\bHTTP [45]\d\d\b|status code [45]\d\d|"
            r"\b5\d\d (Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)|requests\.exceptions|"
            r"httpx\.|urllib\.error|aiohttp\.|OperationalError|psycopg|sqlalchemy\.exc|pymysql|DatabaseError|"
            r"redis\.exceptions|ConnectionResetError|RemoteDisconnected", re.I)),
        ("logic", re.compile(r"\bAssertionError\b|^E\s+assert\b|FAILED .* - assert|^\s*assert .+==|--- FAIL:|"
                             r"^\s*Expected:|AssertionFailedError", re.M)),
    )


_INTEGRATION_MARK = re.compile(r"integration", re.I)  # a tests/integration path, an `integration` marker or gate


def _line(text: str, pattern: re.Pattern[str]) -> str | None:
    for line in text.splitlines():
        line = line[:4096]  # a bounded input per regex: no pathological backtracking on a huge line
        if pattern.search(line):
            return line.strip()
    return None


def classify_evidence(evidence: Iterable[Evidence]) -> list[Suggestion]:
    """Every class the evidence points to, strongest first: what the output says (build gate, environment,
    integration, logic), then, for evidence whose output says nothing recognisable, what a failing gate or a kind
    of finding usually means (`GATE_CLASS`, `FINDING_CLASS`)."""
    found: dict[str, Suggestion] = {}
    unexplained: list[Evidence] = []
    for item in evidence:
        if item.status not in _FAILED:
            continue
        mine = _explained(item) if item.category is None else {}
        for klass, suggestion in mine.items():
            found.setdefault(klass, suggestion)
        if not mine:
            unexplained.append(item)
    strong = [_masked(found[k]) for k in ORDER if k in found]
    return strong + [s for s in _weak(unexplained) if s.klass not in found]


def _explained(item: Evidence) -> dict[str, Suggestion]:
    """The classes this piece of evidence names by itself (its status, its gate, a recognisable line)."""
    what = f"{item.source} {'timed out' if item.status == 'timeout' else 'failed'}"
    integration = item.integration or bool(_INTEGRATION_MARK.search(f"{item.source} {item.gate or ''}"))
    found: dict[str, Suggestion] = {}
    if item.gate == "build" and item.status == "fail":
        found["build"] = Suggestion("build", f"{what}: {_first_line(item.text) or 'see its output'}")
    if item.status == "error":  # the gate could not run at all: a missing tool
        why = _first_line(item.text) or "the tool could not run"
        found["environment"] = Suggestion("environment", f"{what}: {why}")
    if item.status == "timeout" and integration:
        found["integration"] = Suggestion("integration", what)
    for klass, pattern in _rules():
        if klass in found:
            continue
        line = _line(item.text, pattern)
        if line is None:
            continue
        if klass == "integration" and not (integration or _INTEGRATION_MARK.search(line)
                                           or _INTEGRATION_MARK.search(item.text)):
            continue
        found[klass] = Suggestion(klass, f"{what}: {line}")
    return found


def _weak(evidence: list[Evidence]) -> list[Suggestion]:
    """Failing gates by weight, then findings (errors and the most numerous first): one suggestion per class."""
    gates = sorted((e for e in evidence if e.status == "fail" and e.gate in GATE_CLASS and e.category is None),
                   key=lambda e: list(GATE_CLASS).index(e.gate or ""))
    findings = [e for e in evidence if e.category in FINDING_CLASS]
    out: dict[str, Suggestion] = {}
    for item in gates:
        klass = GATE_CLASS[item.gate or ""]
        out.setdefault(klass, Suggestion(klass, f"{item.source} failed: {_first_line(item.text) or 'see its output'}"))
    for item in findings:
        klass = FINDING_CLASS[item.category or ""]
        out.setdefault(klass, Suggestion(klass, f"{item.source}: {_first_line(item.text) or item.category}"))
    return [_masked(s) for s in out.values()]


def findings_evidence(findings: Iterable[tuple[str, str, str, int | None, str]]) -> list[Evidence]:
    """Unwaived findings at warning or above, as (category, severity, path, line, message), grouped into one
    piece of evidence per category: errors first, then by `FINDING_CLASS` order (unfinished code first), then the
    most numerous."""
    groups: dict[str, list[tuple[str, str, str, int | None, str]]] = {}
    for finding in findings:
        if finding[1] in ("error", "warning"):
            groups.setdefault(finding[0], []).append(finding)
    order = list(FINDING_CLASS)
    ranked = sorted(groups.items(), key=lambda kv: (not any(f[1] == "error" for f in kv[1]),
                                                    order.index(kv[0]) if kv[0] in order else len(order),
                                                    -len(kv[1]), kv[0]))
    out = []
    for category, group in ranked:
        first = sorted(group, key=lambda f: f[1] != "error")[0]
        where = first[2] if first[3] is None else f"{first[2]}:{first[3]}"
        noun = "finding" if len(group) == 1 else "findings"
        out.append(Evidence(source=f"{len(group)} {category} {noun}", text=f"{where}: {first[4]}",
                            category=category))
    return out


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _masked(suggestion: Suggestion) -> Suggestion:
    from readiness.core.secrets.values import mask_secrets

    reason = mask_secrets(suggestion.reason)
    return replace(suggestion, reason=reason if len(reason) <= 200 else reason[:199] + "…")


def suggest_class(evidence: Iterable[Evidence]) -> Suggestion | None:
    found = classify_evidence(evidence)
    return found[0] if found else None


# -- step 5: the Python import graph ---------------------------------------------------------------------------
_IMPORT = re.compile(r"^[ \t]*import[ \t]+(?P<names>[^#;]+)")
_FROM = re.compile(r"^[ \t]*from[ \t]+(?P<module>\.+[\w.]*|[\w.]+)[ \t]+import[ \t]+(?P<names>.*)")


def module_name(path: str) -> str | None:
    """`pkg/sub/mod.py` → `pkg.sub.mod`, `pkg/__init__.py` → `pkg`, `src/pkg/x.py` → `pkg.x`; None if not Python."""
    pure = PurePosixPath(path)
    if pure.suffix not in (".py", ".pyw", ".pyi"):
        return None
    parts = list(pure.with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    if parts[:1] == ["src"] and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts) if parts and all(p.isidentifier() for p in parts) else None


def parse_imports(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(module, imported names) per import statement; relative modules keep their dots. Line patterns, no AST."""
    out: list[tuple[str, tuple[str, ...]]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        while line.rstrip().endswith("\\") and i < len(lines):
            line = line.rstrip()[:-1] + " " + lines[i]
            i += 1
        match = _FROM.match(line)
        if match:
            names = match.group("names").split("#", 1)[0]
            if "(" in names:
                while ")" not in names and i < len(lines):
                    names += " " + lines[i].split("#", 1)[0]
                    i += 1
            cleaned = names.replace("(", " ").replace(")", " ")
            out.append((match.group("module"), tuple(n.split()[0] for n in cleaned.split(",") if n.split())))
            continue
        match = _IMPORT.match(line)
        if match:
            for name in match.group("names").split(","):
                if name.split():
                    out.append((name.split()[0], ()))
    return out


def _absolute(module: str, importer: str, is_package: bool) -> str:
    dots = len(module) - len(module.lstrip("."))
    if not dots:
        return module
    base = importer.split(".")
    if not is_package:
        base = base[:-1]
    base = base[:len(base) - (dots - 1)] if dots > 1 else base
    rest = module[dots:]
    return ".".join([*base, rest] if rest else base)


def import_graph(files: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """path → paths it imports. Package `__init__` files count: importing `a.b` runs `a/__init__.py`, and so does
    importing any module of package `a`."""
    by_name: dict[str, str] = {}
    for path in sorted(files):
        name = module_name(path)
        if name is not None:
            by_name.setdefault(name, path)
    graph: dict[str, frozenset[str]] = {}
    for path, text in files.items():
        importer = module_name(path)
        if importer is None:
            continue
        package = PurePosixPath(path).stem == "__init__"
        own = importer.split(".")  # a module is importable only after its package's __init__ files ran
        deps = {by_name[".".join(own[:k])] for k in range(1, len(own)) if ".".join(own[:k]) in by_name}
        for module, names in parse_imports(text):
            target = _absolute(module, importer, package)
            wanted = [target] + [f"{target}.{n}" if target else n for n in names if n != "*"]
            for name in wanted:
                parts = name.split(".")
                for k in range(1, len(parts) + 1):
                    hit = by_name.get(".".join(parts[:k]))
                    if hit is not None and hit != path:
                        deps.add(hit)
        graph[path] = frozenset(deps)
    return graph


def dependents(graph: Mapping[str, Iterable[str]], blocked: Iterable[str]) -> set[str]:
    """Every module that imports a blocked module, directly or through others."""
    reverse: dict[str, set[str]] = {}
    for module, deps in graph.items():
        for dep in deps:
            reverse.setdefault(dep, set()).add(module)
    seen: set[str] = set()
    todo = list(blocked)
    while todo:
        for importer in reverse.get(todo.pop(), ()):
            if importer not in seen:
                seen.add(importer)
                todo.append(importer)
    return seen


@dataclass(frozen=True)
class NextOption:
    module: str
    reason: str


def next_options(candidates: Iterable[str], graph: Mapping[str, Iterable[str]],
                 blocked: Iterable[str], held: Iterable[str] = ()) -> tuple[NextOption, ...]:
    """Candidates that are not blocked, do not import a blocked module, and hold no deferred work (`held`)."""
    blocked = tuple(dict.fromkeys(blocked))
    held = set(held)
    tainted = dependents(graph, blocked)
    names = ", ".join(blocked[:3]) + (" …" if len(blocked) > 3 else "")
    options = []
    # package __init__ files last: everything in the package imports them, so they are rarely where work goes on
    for module in sorted(dict.fromkeys(candidates), key=lambda m: PurePosixPath(m).name == "__init__.py"):
        if module in blocked or module in tainted or module in held:
            continue
        if not blocked:
            reason = "no blocked module named: nothing to avoid"
        elif module in graph:
            reason = f"does not import {names}"
        else:
            reason = "imports not analysed (not a Python module)"
        options.append(NextOption(module, reason))
    return tuple(options)


# -- the state machine -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Item:
    """Something that can be deferred in step 2: a checklist item or a changed module."""

    key: str  # checklist item id ("ready-for-review/tests-green") or module path
    label: str
    kind: str  # "checklist" or "module"
    detail: str = ""
    paths: tuple[str, ...] = ()  # checklist: the files its findings are in (else read from `detail`)


@dataclass(frozen=True)
class Context:
    """What the flow works from, gathered by the caller."""

    evidence: tuple[Evidence, ...] = ()
    items: tuple[Item, ...] = ()
    candidates: tuple[str, ...] = ()  # changed and planned modules: where work could continue
    imports: Mapping[str, frozenset[str]] = field(default_factory=dict)
    blocked: tuple[str, ...] = ()  # modules known to be blocked, besides the deferred ones
    branch: str | None = None
    head: str | None = None
    docs_file: str = "README.md"


@dataclass(frozen=True)
class Ticket:
    title: str
    body: str
    filename: str

    @property
    def markdown(self) -> str:
        return f"# {self.title}\n\n{self.body}"


@dataclass(frozen=True)
class Triage:
    context: Context
    step: Step = Step.CLASSIFY
    suggestion: Suggestion | None = None
    klass: str | None = None
    summary: str | None = None
    details: str | None = None
    deferred: tuple[str, ...] = ()  # item keys, or free text for things that are not listed
    scope: str | None = None
    follow_up: str | None = None
    criteria: tuple[str, ...] = ()
    next_module: str | None = None

    @classmethod
    def start(cls, context: Context) -> Triage:
        return cls(context=context, suggestion=suggest_class(context.evidence))

    def _expect(self, step: Step) -> None:
        if self.step != step:
            raise TriageError(f"triage is at step {self.step.value} ({self.step.title}), not at {step.title}")

    def back(self) -> Triage:
        """The previous step, answers kept (at step 1, stays there)."""
        return replace(self, step=Step(max(Step.CLASSIFY, self.step - 1)))

    # step 1
    def classify(self, klass: str | None, summary: str | None, details: str | None = None) -> Triage:
        """`klass` None or "auto" takes the suggestion."""
        self._expect(Step.CLASSIFY)
        if klass in (None, "", "auto"):
            if self.suggestion is None:
                why = "the evidence does not point to a class" if self.context.evidence else \
                    "no evidence to suggest a class from"
                raise TriageError(f"{why}: choose one of " + ", ".join(CLASSES))
            klass = self.suggestion.klass
        if klass not in CLASSES:
            raise TriageError(f"unknown blocker class {klass!r}: choose one of {', '.join(CLASSES)}")
        summary = clean_field(summary)
        if not summary:
            raise TriageError("the blocker needs a summary: one line saying what blocks you")
        refuse_secrets({"summary": summary, "details": details or ""})
        return replace(self, step=Step.SCOPE, klass=klass, summary=summary, details=clean_field(details))

    # step 2
    def reduce_scope(self, deferred: Iterable[str] = (), scope: str | None = None) -> Triage:
        self._expect(Step.SCOPE)
        keys = tuple(dict.fromkeys(k for k in (clean_field(d) for d in deferred) if k))
        refuse_secrets({"scope": scope or "", "deferred item": " ".join(keys)})
        return replace(self, step=Step.LOG, deferred=keys, scope=clean_field(scope) or self._default_scope(keys))

    def _label(self, key: str) -> str:
        item = next((i for i in self.context.items if i.key == key), None)
        return item.label if item is not None else key

    def _default_scope(self, keys: tuple[str, ...]) -> str | None:
        """`ship without: no TODO throws, pkg/sync.py (deferred)`."""
        if not keys:
            return None
        known = {i.key: i for i in self.context.items}
        return "ship without: " + ", ".join(_phrase(known.get(k, Item(k, k, "other"))) for k in keys) + \
            " (deferred)"

    def deferred_items(self) -> list[Item]:
        known = {i.key: i for i in self.context.items}
        return [known.get(k, Item(k, k, "other")) for k in self.deferred]

    def blocked_modules(self) -> tuple[str, ...]:
        mods = [i.key for i in self.deferred_items() if i.kind == "module"]
        return tuple(dict.fromkeys([*mods, *self.context.blocked]))

    def held_modules(self) -> tuple[str, ...]:
        """The files the deferred checklist items are about (their findings' files): deferred work lives there,
        so they are not where work continues."""
        held: list[str] = []
        for item in self.deferred_items():
            if item.kind != "checklist":
                continue
            held += item.paths or [c for c in self.context.candidates if _mentions(item.detail, c)]
        return tuple(dict.fromkeys(held))

    # step 3
    def new_blocker(self) -> NewBlocker:
        if self.klass is None or self.summary is None:
            raise TriageError("classify the blocker first (step 1)")
        return NewBlocker(self.klass, self.summary, self.details, self.scope, self.follow_up, self.next_module)

    def preview(self, number: int | None, today: str) -> str:
        """The README entry as it will be written; `number` None shows `B?`."""
        lines = entry_lines(number or 0, self.new_blocker(), today)
        if number is None:
            lines[0] = lines[0].replace("**B0**", "**B?**", 1)
        return "\n".join(lines)

    def log(self, confirm: bool = True) -> Triage:
        """Accept the entry (on to the follow-up), or go back to step 1 to change it."""
        self._expect(Step.LOG)
        return replace(self, step=Step.FOLLOW_UP if confirm else Step.CLASSIFY)

    # step 4
    def default_follow_up(self) -> str | None:
        """`make "no TODO throws" pass; finish pkg/sync.py`: what the deferred items need."""
        wanted = [_follow_up(i) for i in self.deferred_items()]
        return "; ".join(wanted) if wanted else None

    def plan_follow_up(self, text: str | None = None, criteria: Iterable[str] = ()) -> Triage:
        self._expect(Step.FOLLOW_UP)
        wanted = tuple(c for c in (clean_field(c) for c in criteria) if c)
        refuse_secrets({"follow-up": text or "", "acceptance criteria": " ".join(wanted)})
        return replace(self, step=Step.CONTINUE, follow_up=clean_field(text) or self.default_follow_up(),
                       criteria=wanted)

    def ticket(self, blocker_id: str, today: str) -> Ticket:
        what = self.follow_up or self.summary or ""
        title = f"Follow-up to {blocker_id}: {what}"
        lines = [f"Blocker **{blocker_id}** ({self.klass}, logged {today} in `{self.context.docs_file}`): "
                 f"{escape(self.summary or '')}", "", "## Context", ""]
        if self.details:
            lines += [escape(self.details), ""]
        if self.context.branch or self.context.head:
            where = f"branch {code(self.context.branch)}" if self.context.branch else "a detached HEAD"
            lines.append(f"- Found on {where}" + (f" at {code(self.context.head[:12])}" if self.context.head else ""))
        if self.suggestion is not None:
            lines.append(f"- Evidence: {code(self.suggestion.reason)}")
        if self.scope:
            lines.append(f"- Scope shipped: {escape(self.scope)}")
        if self.next_module:
            lines.append(f"- Work continued on: {code(self.next_module)}")
        lines += ["", "## Deferred", ""]
        items = self.deferred_items()
        lines += [f"- {_describe(i)}" for i in items] or ["Nothing was deferred explicitly."]
        lines += ["", "## Acceptance criteria", ""]
        per_item = not self.criteria and items and self.follow_up in (None, self.default_follow_up())
        if self.criteria:
            criteria = list(self.criteria)
        elif per_item:
            criteria = [_criterion(i) for i in items]
        elif self.follow_up:
            criteria = [f"{self.follow_up} works end to end, with tests"]
        else:
            criteria = [f"the blocker is fixed: {self.summary}", "the change works end to end, with tests"]
        lines += [f"- [ ] {escape(c)}" for c in criteria]
        if items and not per_item:
            lines.append("- [ ] every deferred item above is done, or dropped on purpose")
        lines.append(f"- [ ] `readiness blocker resolve {blocker_id}` once this lands")
        from readiness.core.secrets.values import mask_secrets

        slug = re.sub(r"[^a-z0-9]+", "-", what.lower()).strip("-")[:50].strip("-") or "follow-up"
        return Ticket(title=mask_secrets(title), body=mask_secrets("\n".join(lines) + "\n"),
                      filename=f"{blocker_id}-{slug}.md")

    # step 5
    def next_options(self) -> tuple[NextOption, ...]:
        return next_options(self.context.candidates, self.context.imports, self.blocked_modules(),
                            self.held_modules())

    def choose_next(self, module: str | None) -> Triage:
        """`module` None skips, "auto" takes the first option; a module that imports a blocked one is refused."""
        self._expect(Step.CONTINUE)
        options = self.next_options()
        if module == "auto":
            module = options[0].module if options else None
        module = clean_field(module)
        refuse_secrets({"next module": module or ""})
        if module is not None and module not in {o.module for o in options}:
            blocked = self.blocked_modules()
            if module in blocked:
                raise TriageError(f"{module} is the blocked module: pick one that does not depend on it")
            if module in dependents(self.context.imports, blocked):
                raise TriageError(f"{module} imports a blocked module ({', '.join(blocked)}): pick an independent "
                                  "one")
            if module in self.held_modules():
                raise TriageError(f"{module} holds deferred work: pick a module that does not")
        return replace(self, step=Step.DONE, next_module=module)


def code(text: str) -> str:
    """`text` as a Markdown code span, with enough backticks to hold any inside it."""
    text = " ".join(text.split())
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _lower_first(text: str) -> str:
    """`No TODO throws` → `no TODO throws`; an acronym (`README has…`) keeps its case."""
    return text[:1].lower() + text[1:] if text[1:2].islower() or text[1:2] == " " else text


def _phrase(item: Item) -> str:
    return _lower_first(item.label) if item.kind == "checklist" else item.label


def _follow_up(item: Item) -> str:
    if item.kind == "checklist":
        return f'make "{_phrase(item)}" pass'
    if item.kind == "module":
        return f"finish {item.key}"
    return item.label


def _criterion(item: Item) -> str:
    if item.kind == "checklist":
        return f'the checklist item "{_phrase(item)}" passes'
    if item.kind == "module":
        return f"{item.key} is finished, with tests"
    return f"{item.label} is done"


def _mentions(text: str, path: str) -> bool:
    """`path` appears in `text` as a whole path (`pkg/a.py:3`, `pkg/a.py,`), not inside a longer one."""
    return re.search(rf"(?<![\w./-]){re.escape(path)}(?![\w/-]|\.\w)", text) is not None


def _describe(item: Item) -> str:
    if item.kind == "module":
        return f"module {code(item.key)}"
    if item.kind == "checklist":
        return f"checklist item: {escape(item.label)} ({code(item.key)})" + (
            f" — {escape(item.detail)}" if item.detail else "")
    return escape(item.label)
