"""Package exports imported on first use (PEP 562), shared by the archive and indexer packages.

A CLI process pays every import on every call: `archive search` needs the index and the dates,
not the readers, the metadata rules or the indexing run.
"""
from __future__ import annotations

from collections.abc import Callable


def lazy_exports(package: dict, exported_from: dict[str, tuple[str, ...]]) -> tuple[Callable, Callable]:
    """The ``__getattr__`` and ``__dir__`` of a package (given its ``globals()``) whose names in
    ``exported_from`` (module -> names) are imported the first time each is asked for."""
    module_of = {name: module for module, names in exported_from.items() for name in names}

    def __getattr__(name: str):
        if name not in module_of:
            raise AttributeError(f"module {package['__name__']!r} has no attribute {name!r}")
        # The import statement's machinery rather than importlib.import_module: `python -X importtime`
        # sees only the former, and it is how the start-up cost of a command is measured.
        value = getattr(__import__(module_of[name], fromlist=[name]), name)
        package[name] = value  # later lookups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted(set(package) | set(package["__all__"]))

    return __getattr__, __dir__
