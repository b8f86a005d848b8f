"""readiness: is this branch ready for review?"""

__version__ = "0.1.0"
