"""Does a test start a declared entry point (console script, `python -m pkg`, npm bin, Cargo binary, Go command)?
What the missing-test scanner's `smoke-test` rule asks of each test file that names one.
"""

from __future__ import annotations

import re

from readiness.core.scan._source.project import EntryPoint, EntryPointKind

_LAUNCH = re.compile(r"--help|--version|CliRunner|\bmain\(\s*[\[(]|\bmain\(\s*argv|runpy|run_module|subprocess|Popen|"
                     r"check_output|check_call|sys\.executable|execa|child_process|spawnSync|execSync|exec\.Command|"
                     r"assert_cmd|cargo_bin|ProcessBuilder|getRuntime\(\)\.exec|\.invoke\(")
LAUNCH_LITERALS = ("--help", "--version", "CliRunner", "main(", "runpy", "run_module", "subprocess", "Popen",
                    "check_output", "check_call", "sys.executable", "execa", "child_process", "spawnSync", "execSync",
                    "exec.Command", "assert_cmd", "cargo_bin", "ProcessBuilder", "getRuntime", ".invoke(")
_SELF_LAUNCHING = re.compile(r"CliRunner|\bmain\(\s*[\[(]|\bmain\(\s*argv|\.invoke\(|--help")
def entry_words(entry: EntryPoint) -> set[str]:
    """Literal strings one of which a test that starts the entry point must contain."""
    if entry.kind == EntryPointKind.MODULE:
        module = entry.target
        return {f"-m {module}", f"'{module}'", f'"{module}"', f"{module}.__main__"}
    module = entry.target.partition(":")[0].strip()
    words = {entry.name}
    if module:
        words.add(module.rsplit("/", 1)[-1] if "/" in module else module)
    return {w for w in words if len(w) > 1}


def shell_runs(text: str, entry: EntryPoint) -> bool:
    """A shell test script that runs the command (`mytool --help`, `FOO=1 mytool run`, `python -m pkg`)."""
    name = re.escape(entry.name)
    return re.search(rf"(?m)^[ \t]*(?:\w+=\S*[ \t]+)*(?:exec[ \t]+|run[ \t]+|time[ \t]+)?(?:\S*/)?{name}(?:[ \t]|$)",
                     text) is not None


def starts(text: str, entry: EntryPoint) -> bool:
    """The test file launches something and names this entry point in a way that launches it: the script name
    quoted (`["mytool", "--help"]`, `which("mytool")`), `-m pkg`, or the target module with `main([...])` or
    CliRunner."""
    if not _LAUNCH.search(text):
        return False
    if entry.kind == EntryPointKind.MODULE:
        module = re.escape(entry.target)
        return re.search(rf"-m['\"]?\s*,?\s*['\"]?{module}\b|{module}\.__main__|run_module\(\s*['\"]{module}",
                         text) is not None
    name = re.escape(entry.name)
    if re.search(rf"['\"`/]{name}['\"`\s]|\b{name}\s+--(?:help|version)\b", text):
        return True
    module, _, _ = entry.target.partition(":")
    module = module.strip()
    if entry.kind in (EntryPointKind.BIN, EntryPointKind.CARGO_BIN, EntryPointKind.GO_COMMAND) and module:
        return re.search(re.escape(module.rsplit("/", 1)[-1]), text) is not None
    return bool(module) and re.search(rf"\b{re.escape(module)}\b", text) is not None and \
        _SELF_LAUNCHING.search(text) is not None
