"""The vocabulary of a `## Blockers` entry (CONTRACT.md): its classes and its field labels.

Kept apart from readiness.core.blockers.log (which parses Markdown) so the command line can offer the classes as
choices without loading the parser.
"""

from __future__ import annotations

CLASSES = ("build", "logic", "integration", "environment")
FIELDS = (("details", "Details"), ("scope", "Scope"), ("follow_up", "Follow-up"), ("next", "Next"))
RESOLUTION = "Resolution"
