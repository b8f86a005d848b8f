"""The pure core of readiness: no textual, no rich. Shared by the CLI and the TUI."""
