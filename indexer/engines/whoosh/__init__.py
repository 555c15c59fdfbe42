"""The Whoosh engine: the embedded default.

This package is the one place that drives Whoosh's private internals (its segment writer, posting
blocks, matchers and table of contents), which change from one whoosh3 release to the next.
So importing it first checks the installed release against the one these internals were written
and tested for, and fails in one line that says what to install, before any of them is imported.
"""
from __future__ import annotations

from indexer.engines import release_problem
from indexer.errors import EngineUnsupported

# The whoosh3 release (major, minor) the private parts here are written for; pyproject.toml pins
# it (tests/test_engine_versions.py checks the two agree).
SUPPORTED_WHOOSH = (3, 54)
INSTALL_HINT = "pip install 'whoosh3=={}.{}.*'".format(*SUPPORTED_WHOOSH)


def unsupported_reason(version: tuple[int, ...] | None) -> str | None:
    """Why an installed Whoosh of ``version`` (None: none installed) cannot serve, or None."""
    return release_problem("whoosh3", version, SUPPORTED_WHOOSH, INSTALL_HINT)


def _installed_version() -> tuple[int, ...] | None:
    try:
        import whoosh
    except ImportError:
        return None
    return tuple(getattr(whoosh, "__version__", ()))


def require_supported_whoosh() -> None:
    reason = unsupported_reason(_installed_version())
    if reason:
        raise EngineUnsupported(reason)


require_supported_whoosh()
