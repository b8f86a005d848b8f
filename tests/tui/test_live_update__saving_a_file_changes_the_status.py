"""Live status: with the app open, saving a file in the repository re-scans it and the statuses change; a commit
refreshes the repository model (HEAD); files git ignores change nothing."""

from __future__ import annotations

from tui_helpers import checklist_item as item
from tui_helpers import poll_until, run, running_app, save_until

STUB = "def ship(order):\n    raise NotImplementedError\n"


def todo_paths(app) -> set[str]:
    return {f.path for f in app.state.findings if f.category == "todo-throw" and not f.waived}


def test_a_saved_stub_turns_up_and_a_fixed_one_goes_away(demo_repo):
    async def scenario():
        async with running_app(demo_repo, watch=True) as (app, pilot):
            await poll_until(pilot, lambda: app.state.live == "on", what="the watcher")
            assert todo_paths(app) == {"pkg/payments.py"}
            before = item(app, "ready-for-review", "no-todo-throws").detail
            await save_until(pilot, lambda: demo_repo.write("pkg/shipping.py", STUB),
                             lambda: "pkg/shipping.py" in todo_paths(app), "the new stub")
            await poll_until(pilot, lambda: item(app, "ready-for-review", "no-todo-throws").detail != before,
                           what="the checklist to follow")
            assert "2 TODO throws" in item(app, "ready-for-review", "no-todo-throws").detail
            fixed = (demo_repo.path / "pkg/payments.py").read_text().replace("raise NotImplementedError",
                                                                             "return order")
            await save_until(pilot, lambda: demo_repo.write("pkg/payments.py", fixed),
                             lambda: todo_paths(app) == {"pkg/shipping.py"}, "the fixed stub")

    run(scenario())


def test_a_commit_refreshes_the_repository_model(demo_repo):
    async def scenario():
        async with running_app(demo_repo, watch=True) as (app, pilot):
            await poll_until(pilot, lambda: app.state.live == "on", what="the watcher")
            head = app.state.summary.head
            counter = iter(range(100))

            def commit() -> None:
                demo_repo.write("notes.txt", f"note {next(counter)}\n")
                demo_repo.commit("notes")

            await save_until(pilot, commit, lambda: app.state.summary.head != head and not app.state.scanning, "the new HEAD")
            assert app.state.summary.head == demo_repo.git("rev-parse", "HEAD").strip()

    run(scenario())
