"""The tantivy engine (`archive index --engine tantivy`; young, see the README): an embedded index
in Rust, for archives where Whoosh's pure-Python search is too slow. An optional extra:
`pip install '.[tantivy]'`.

Words are analysed by the archive itself (indexer/_schema.py's analysers) and handed to tantivy
as pre-tokenized text, so both engines index exactly the same terms at the same positions (a
possessive beside its word, names kept apart by their separator): a phrase finds the same
documents in either.
"""
from __future__ import annotations

from importlib import metadata

from indexer.engines import release_problem
from indexer.errors import EngineUnsupported

# The tantivy-py release series this engine is written and tested for (its Python API changes
# between series); pyproject.toml's extra asks for it.
SUPPORTED_TANTIVY = (0, 27)
INSTALL_HINT = "pip install 'paper-archive[tantivy]'"


def unsupported_reason(version: tuple[int, ...] | None) -> str | None:
    """Why an installed tantivy of ``version`` (None: none installed) cannot serve, or None."""
    return release_problem("tantivy", version, SUPPORTED_TANTIVY, INSTALL_HINT)


def _installed_version() -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in metadata.version("tantivy").split(".")[:3] if part.isdigit())
    except metadata.PackageNotFoundError:
        return None


def require_supported_tantivy() -> None:
    reason = unsupported_reason(_installed_version())
    if reason:
        raise EngineUnsupported(reason)


require_supported_tantivy()
