"""Screens: the dashboard, checklist, findings, gates, blockers and triage screens, modals and help."""

from __future__ import annotations

from textual.screen import Screen


def make_screen(name: str, **kwargs) -> Screen:
    """A fresh screen by name (`readiness triage` and the palette open screens by name)."""
    # Local: a screen loads only when opened (gates ~126 ms, triage ~64 ms, findings ~35 ms, blockers ~34 ms).
    if name == "checklist":
        from readiness.tui.screens.checklist import ChecklistScreen

        return ChecklistScreen(**kwargs)
    if name == "findings":
        from readiness.tui.screens.findings import FindingsScreen

        return FindingsScreen(**kwargs)
    if name == "gates":
        from readiness.tui.screens.gates import GatesScreen

        return GatesScreen(**kwargs)
    if name == "blockers":
        from readiness.tui.screens.blockers import BlockersScreen

        return BlockersScreen(**kwargs)
    if name == "triage":
        from readiness.tui.screens.triage import TriageScreen

        return TriageScreen(**kwargs)
    raise ValueError(f"unknown screen {name!r}")
