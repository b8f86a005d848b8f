"""The Textual terminal UI: the only package that imports textual. `readiness` without a command opens it.

Layout: `app.py` (the App, its workers and message handlers), `app.tcss` (every style), `messages.py` (the
past-tense messages workers post), `model.py` and `watch.py` (no textual: the scan model, incremental re-scans
and the file watcher), `screens/` and `widgets/`.
"""
