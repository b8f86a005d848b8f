"""The header's `N files +A −D` follows saved files, like the findings do (a re-scan refreshes it)."""

from __future__ import annotations

from tui_helpers import poll_until, run, running_app, save_until, wait_for_text


def test_saving_lines_updates_the_change_size(demo_repo):
    async def scenario():
        async with running_app(demo_repo, watch=True) as (app, pilot):
            await poll_until(pilot, lambda: app.state.live == "on", what="the watcher")
            files, added = app.state.summary.files, app.state.summary.added
            await wait_for_text(pilot, app, f"{files} files  +{added} −0")
            notify = (demo_repo.path / "pkg/notify.py").read_text()
            await save_until(pilot, lambda: demo_repo.write("pkg/notify.py", notify + "\n\nA = 1\nB = 2\n"),
                             lambda: app.state.summary.added == added + 4, "the new change size")
            await wait_for_text(pilot, app, f"{files} files  +{added + 4} −0")
            await save_until(pilot, lambda: demo_repo.write("pkg/extra.py", "C = 3\n"),
                             lambda: app.state.summary.files == files + 1, "the new file")
            await wait_for_text(pilot, app, f"{files + 1} files  +{added + 4} −0")  # untracked: no line count

    run(scenario())
