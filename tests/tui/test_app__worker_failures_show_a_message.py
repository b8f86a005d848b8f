"""Failures never take the app down: a configuration error becomes the verdict and a notification, an
unexpected exception in a worker becomes a notification, and the app keeps answering keys."""

from __future__ import annotations

from tui_helpers import notices, poll_until, run, running_app, wait_for_text

import readiness.tui.workers as workers
from readiness.tui.screens.findings import FindingsScreen


def test_a_configuration_error_is_the_verdict_not_a_crash(demo_repo):
    demo_repo.write("readiness.toml", "fail_onn = 'error'\n")

    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            await poll_until(pilot, lambda: app.state.scan_error is not None, what="the scan error")
            assert "unknown key fail_onn" in app.state.scan_error
            await wait_for_text(pilot, app, "Invalid configuration: readiness.toml:1: unknown key fail_onn")
            assert any("fail_onn" in text for text in notices(app))
            await pilot.press("f")
            await pilot.pause()
            assert isinstance(app.screen, FindingsScreen)

    run(scenario())


def test_an_unexpected_exception_in_a_worker_is_shown_and_the_app_lives_on(demo_repo, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(workers, "full_scan", broken)

    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            await poll_until(pilot, lambda: any("disk on fire" in text for text in notices(app)),
                           what="the notification")
            assert not app.state.scanning and "disk on fire" in app.state.scan_error
            await pilot.press("ctrl+c")
            await pilot.pause()
        assert not app.is_running

    run(scenario())
