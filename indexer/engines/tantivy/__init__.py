"""The tantivy engine (in progress, not yet offered by `archive index`): an embedded index in Rust,
for archives where Whoosh's pure-Python search is too slow. An optional extra:
`pip install '.[tantivy]'`.

Words are analysed by the archive itself (indexer/_schema.py's analysers) and handed to tantivy
as pre-tokenized text, so both engines index exactly the same terms at the same positions (a
possessive beside its word, names kept apart by their separator): a phrase finds the same
documents in either.
"""
from __future__ import annotations

from importlib import metadata

from indexer.errors import EngineUnsupported

# The tantivy-py release series this engine is written and tested for (its Python API changes
# between series); pyproject.toml's extra asks for it.
SUPPORTED_TANTIVY = (0, 27)
INSTALL_HINT = "pip install 'paper-archive[tantivy]'"


def _require_tantivy() -> None:
    try:
        version = tuple(int(part) for part in metadata.version("tantivy").split(".")[:2])
    except metadata.PackageNotFoundError:
        raise EngineUnsupported(f"the tantivy engine needs the tantivy package: run `{INSTALL_HINT}`") from None
    if version != SUPPORTED_TANTIVY:
        wanted = ".".join(map(str, SUPPORTED_TANTIVY))
        raise EngineUnsupported(f"tantivy {'.'.join(map(str, version))} is installed, but this archive works with "
                                f"tantivy {wanted} only: run `{INSTALL_HINT}`")


_require_tantivy()
