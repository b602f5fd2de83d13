# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Version of the generated client; the generated pyproject reads it through hatchling."""

__version__ = "0.1.0"
