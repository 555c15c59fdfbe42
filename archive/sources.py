"""Finding the files to read under the paths a user gives."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from archive.overrides import is_override_file, override_files


@dataclass(frozen=True)
class SourceFile:
    path: str
    size: int
    mtime_ns: int


class SourceError(Exception):
    """A path given by the user that cannot be walked."""


def _walk_errors(error: OSError) -> None:
    raise SourceError(f"cannot read {error.filename}: {error.strerror}")


def iter_files(paths: list[str]) -> list[SourceFile]:
    """Every regular file under ``paths``, recursively, in a stable order; hidden entries skipped."""
    found: dict[str, SourceFile] = {}
    for given in paths:
        root = Path(given)
        if not root.exists():
            raise SourceError(f"no such file or folder: {given}")
        if root.is_file():
            _add(found, root)
            continue
        for folder, subfolders, files in os.walk(root, onerror=_walk_errors):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    _add(found, Path(folder) / name)
    return sorted(found.values(), key=lambda source: source.path)


def _add(found: dict[str, SourceFile], path: Path) -> None:
    if is_override_file(path):
        return
    absolute = str(path.resolve())
    try:
        stat = path.stat()
        # An edited override changes the file's time as far as indexing is concerned.
        mtime_ns = max([stat.st_mtime_ns] + [o.stat().st_mtime_ns for o in override_files(path)])
    except OSError:
        return  # vanished between listing and stat: nothing left to index
    found[absolute] = SourceFile(absolute, stat.st_size, mtime_ns)
