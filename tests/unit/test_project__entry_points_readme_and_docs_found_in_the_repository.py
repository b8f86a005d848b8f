"""Project-level facts (readiness.core.scan._source.project) read from a real repository: the declared entry points
of each packaging format (and none from examples, tests or broken manifests), the README to judge (configured,
a variant, or deleted in the work tree), the documentation files, which names the docs mention as words, and a
path's stem as words."""

import pytest

from readiness.core.scan._source import project
from readiness.core.scan._source.project import EntryPointKind as Kind

PYPROJECT = ('[project]\nname = "tool"\nversion = "1"\n\n[project.scripts]\ntool = "pkg.cli:main"\n'
             'tool-admin = "pkg.admin:run"\n')


def context(git_repo, scan_context, files: dict[str, str]):
    for path, text in files.items():
        git_repo.write(path, text)
    return scan_context(git_repo, "all")


# Every packaging format side by side (the project scanner reads manifests of these names anywhere): each
# declaring file with the entry points it declares, (name, kind, target).
DECLARED = {
    "pyproject.toml": (PYPROJECT, {("tool", Kind.CONSOLE_SCRIPT, "pkg.cli:main"),
                                   ("tool-admin", Kind.CONSOLE_SCRIPT, "pkg.admin:run")}),
    "poetry/pyproject.toml": ('[tool.poetry]\nname = "p"\n\n[tool.poetry.scripts]\npoet = "p.main:cli"\n',
                              {("poet", Kind.CONSOLE_SCRIPT, "p.main:cli")}),
    "gui/pyproject.toml": ('[project]\nname = "g"\n\n[project.gui-scripts]\ngui = "g.app:main"\n',
                           {("gui", Kind.CONSOLE_SCRIPT, "g.app:main")}),
    "cfg/setup.cfg": ("[metadata]\nname = s\n\n[options.entry_points]\nconsole_scripts =\n    scfg = s.cli:main\n",
                      {("scfg", Kind.CONSOLE_SCRIPT, "s.cli:main")}),
    "setuppy/setup.py": ("from setuptools import setup\nsetup(entry_points={'console_scripts': ['spy = s.cli:main']})\n",
                         {("spy", Kind.CONSOLE_SCRIPT, "s.cli:main")}),
    "npm1/package.json": ('{"name": "@scope/jstool", "bin": "./bin/cli.js"}\n', {("jstool", Kind.BIN, "./bin/cli.js")}),
    "npm2/package.json": ('{"name": "multi", "bin": {"one": "a.js", "two": "b.js"}}\n',
                          {("one", Kind.BIN, "a.js"), ("two", Kind.BIN, "b.js")}),
    "crab/Cargo.toml": ('[package]\nname = "crab"\n\n[[bin]]\nname = "crab-cli"\npath = "src/bin/cli.rs"\n',
                        {("crab-cli", Kind.CARGO_BIN, "src/bin/cli.rs"), ("crab", Kind.CARGO_BIN, "crab/src/main.rs")}),
    "pkg/__main__.py": ("print('hi')\n", {("python -m pkg", Kind.MODULE, "pkg")}),
    "src/app/__main__.py": ("print('hi')\n", {("python -m app", Kind.MODULE, "app")}),  # the source root stripped
    "cmd/gotool/main.go": ("package main\nfunc main() {}\n", {("gotool", Kind.GO_COMMAND, "cmd/gotool")}),
}
# Files that declare nothing this project can be started by.
NOT_DECLARING = {
    "examples/demo/pyproject.toml": PYPROJECT,  # an example project is not this project
    "node_modules/dep/package.json": '{"name": "dep", "bin": "cli.js"}\n',  # a dependency
    "tests/pkg/__main__.py": "print(1)\n",  # a test file
    "broken/pyproject.toml": "[project\nname = broken\n",  # does not parse
    "badjson/package.json": "{not json",
    "private/package.json": '{"name": "internal", "private": true}\n',
    "plainsetup/setup.py": "from setuptools import setup\nsetup(name='x', version='1.0')\n",  # no console_scripts
    "libcrate/Cargo.toml": '[package]\nname = "lib-only"\n',  # a library crate (no src/main.rs)
    "pkg/cmd/main.go": "package main\n",  # not cmd/<name>/main.go
}
EXTRA = {"crab/src/main.rs": "fn main() {}\n", "libcrate/src/lib.rs": "pub fn f() {}\n", "pkg/__init__.py": "",
         "src/app/__init__.py": ""}


@pytest.fixture(scope="module")
def entry_points(module_scan_context):
    files = {path: text for path, (text, _) in DECLARED.items()} | NOT_DECLARING | EXTRA
    return project.entry_points(module_scan_context(files))


@pytest.mark.parametrize("path", sorted(DECLARED))
def test_entry_points_of_each_packaging_format(entry_points, path):
    assert {(e.name, e.kind, e.target) for e in entry_points if e.path == path} == DECLARED[path][1]


@pytest.mark.parametrize("path", sorted(NOT_DECLARING))
def test_no_entry_points_where_none_is_declared(entry_points, path):
    assert [e for e in entry_points if e.path == path] == []


def test_nothing_else_is_an_entry_point(entry_points):
    assert len(entry_points) == sum(len(expected) for _, expected in DECLARED.values())


def test_console_script_line_is_the_key_under_its_table(module_scan_context):
    text = '[project]\nname = "tool"\n# tool = "not this line"\n\n[project.scripts]\ntool = "pkg.cli:main"\n'
    (point,) = project.entry_points(module_scan_context({"pyproject.toml": text}))
    assert (point.line, point.snippet) == (6, 'tool = "pkg.cli:main"')


@pytest.mark.parametrize("files, expected", [
    ({"README.md": "# x\n"}, ("README.md", True)),
    ({"README.rst": "x\n=\n"}, ("README.rst", True)),
    ({"readme.md": "# x\n", "docs/README.md": "# docs\n"}, ("readme.md", True)),
    ({"docs/README.md": "# only nested\n"}, ("README.md", False)),  # a nested README is not the project's
    ({}, ("README.md", False)),
    ({".readiness.toml": 'docs_file = "docs/GUIDE.md"\n', "docs/GUIDE.md": "# guide\n", "README.md": "# x\n"},
     ("docs/GUIDE.md", True)),
    ({".readiness.toml": 'docs_file = "docs/GUIDE.md"\n', "README.md": "# x\n"}, ("README.md", True)),
    ({"Readme.markdown": "# x\n"}, ("Readme.markdown", True)),  # any case, any usual markup suffix
    ({"ReadMe.adoc": "= x\n", "readme.RST": "x\n=\n"}, ("readme.RST", True)),
    ({"readme": "x\n"}, ("readme", True)),
    ({"README-dev.md": "# x\n", "readme.py": "x = 1\n"}, ("README.md", False)),  # neither is a README
], ids=["md", "rst", "lowercase", "nested-only", "none", "configured", "configured-missing", "mixed-case-markdown",
        "suffix-order", "bare-lowercase", "not-readmes"])
def test_readme_path(git_repo, scan_context, files, expected):
    assert project.readme_path(context(git_repo, scan_context, files)) == expected


def test_readme_deleted_in_the_work_tree_does_not_exist(git_repo, scan_context):
    git_repo.write("README.md", "# x\n")
    git_repo.write("pkg/__init__.py", "")
    git_repo.commit("initial")
    (git_repo.path / "README.md").unlink()  # still listed by git until the deletion is staged
    ctx = scan_context(git_repo, "all")
    assert project.in_work_tree(ctx, "README.md") is False
    assert project.in_work_tree(ctx, "pkg/__init__.py") is True
    assert project.readme_path(ctx) == ("README.md", False)


def test_deleted_readme_gives_way_to_another_variant(git_repo, scan_context):
    git_repo.write("README.md", "# x\n")
    git_repo.write("README.rst", "x\n")
    git_repo.commit("initial")
    (git_repo.path / "README.md").unlink()
    assert project.readme_path(scan_context(git_repo, "all")) == ("README.rst", True)


DOC_TREE = {
    "README.md": "# x\n", "INSTALL.md": "install\n", "notes.txt": "n\n", "docs/guide.rst": "g\n",
    "docs/api/ref.md": "r\n", "man/tool.1": ".TH tool\n", "pkg/README.md": "pkg\n",
    # not documentation:
    "CHANGELOG.md": "c\n", "LICENSE.txt": "l\n", "requirements-dev.txt": "pytest\n", "SECURITY.md": "s\n",
    "pkg/notes.md": "deep\n", "pkg/cli.py": "x = 1\n", "tests/test_x.md": "t\n", "docs/conf.py": "x = 1\n",
}


@pytest.fixture(scope="module")
def docs_context(module_scan_context):
    return module_scan_context({**DOC_TREE, "README.md": "# tool\n\nRun `tool sync` then `tool checklist`.\n",
                           "docs/usage.md": "Use check-all for everything.\n", "CHANGELOG.md": "notes\n",
                           "pkg/cli.py": "# gates\n"})


def test_doc_files_are_readmes_top_level_text_and_doc_folders(docs_context):
    assert set(project.doc_files(docs_context)) == {"README.md", "INSTALL.md", "notes.txt", "docs/guide.rst",
                                                    "docs/api/ref.md", "docs/usage.md", "man/tool.1", "pkg/README.md"}


@pytest.mark.parametrize("names, expected", [
    ({"sync", "checklist"}, {"sync", "checklist"}),
    ({"sync", "gates"}, {"sync"}),  # `gates` only in a code file
    ({"check"}, set()),  # only inside `checklist` and `check-all`: not as a word
    ({"check-all"}, {"check-all"}),
    ({"notes"}, set()),  # only in CHANGELOG.md, which is not documentation
    ({"deep"}, set()),  # only in pkg/notes.md, a text file inside the code
    ({"install"}, {"install"}),  # a top-level text file
    (set(), set()),
], ids=["both", "one", "not-a-word", "hyphenated", "changelog", "nested-text", "top-level-text", "empty"])
def test_mentioned_finds_names_as_words_in_the_docs(docs_context, names, expected):
    assert project.mentioned(docs_context, names) == expected


def test_mentioned_handles_more_names_than_one_chunk(module_scan_context):
    names = {f"name{i}" for i in range(150)}
    text = "# words\n\n" + " ".join(f"name{i}" for i in range(0, 150, 7)) + "\n"
    assert project.mentioned(module_scan_context({"README.md": text}), names) == {f"name{i}" for i in range(0, 150, 7)}


@pytest.mark.parametrize("path, words", [
    ("pkg/sub_commands.py", "sub commands"),
    ("src/Missing-Docs.md", "missing docs"),
    ("a/b/test_x__y.py", "test x y"),
    ("archive.tar.gz", "archive tar"),
    ("plain", "plain"),
])
def test_stem_words(path, words):
    assert project.stem_words(path) == words
