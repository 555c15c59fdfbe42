"""Finding the files to read under the paths a user gives, and the reason for each entry that
cannot be read as a file (a folder that will not open, a link that loops or leads nowhere)."""
from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from archive.file_names import index_path, is_kept_exactly, real_path, shown
from archive.overrides import is_override_file, override_files

# A link inside the tree may lead anywhere (a loop, the whole disk): only the paths given are walked.
FOLDER_LINK = "link to a folder, not followed: give what it points to as a path to index it"
# A file listed in its folder, then deleted or moved before it could be read.
GONE = "gone before it could be read (deleted or moved during the run)"


@dataclass(frozen=True)
class SourceFile:
    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Unreadable:
    """An entry met on the walk that is no file to read. ``failed``: the user can fix it (a folder
    without permission); otherwise there is nothing there to read (a loop, a dangling link)."""

    path: str
    reason: str
    failed: bool = False


@dataclass
class Walk:
    files: list[SourceFile] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


class SourceError(Exception):
    """A path given by the user that cannot be walked."""


def iter_files(paths: list[str]) -> list[SourceFile]:
    """Every regular file under ``paths`` (see ``walk``)."""
    return walk(paths).files


def walk(paths: list[str]) -> Walk:
    """Every regular file under ``paths``, recursively, in a stable order; hidden entries skipped.
    Links to files are read; links to folders inside the tree are reported, not followed."""
    found: dict[str, SourceFile] = {}
    unreadable: dict[str, Unreadable] = {}
    for given in paths:
        root = Path(real_path(given))  # as the user typed it, or as the index keeps it
        if not root.exists() and not root.is_symlink():
            raise SourceError(f"no such file or folder: {shown(given)}")
        if not root.is_dir():
            _add(found, unreadable, root)
            continue
        _walk_folder(root, found, unreadable)
    return Walk(sorted(found.values(), key=lambda source: source.path),
                sorted(unreadable.values(), key=lambda entry: entry.path))


def _walk_folder(root: Path, found: dict, unreadable: dict) -> None:
    def folder_error(error: OSError) -> None:
        path = os.path.abspath(error.filename)
        unreadable[path] = Unreadable(path, f"cannot open folder: {error.strerror}", failed=True)

    for folder, subfolders, files in os.walk(root, onerror=folder_error):
        for name in [d for d in subfolders if not d.startswith(".") and os.path.islink(os.path.join(folder, d))]:
            path = os.path.abspath(os.path.join(folder, name))
            unreadable[path] = Unreadable(path, FOLDER_LINK)
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        # Resolved once per folder: a file that is no link lies at its folder's real path.
        listed = _Folder(folder, set(files))
        for name in sorted(files):
            if not name.startswith("."):
                _add(found, unreadable, Path(folder) / name, listed)


@dataclass
class _Folder:
    """A folder met on the walk: what it holds, and its real path once asked for."""

    path: str
    names: set[str]
    _real: str | None = None

    def real_path_of(self, name: str) -> str:
        if self._real is None:
            self._real = os.path.realpath(self.path)
        return os.path.join(self._real, name)


def _add(found: dict[str, SourceFile], unreadable: dict[str, Unreadable], path: Path,
         folder: _Folder | None = None) -> None:
    """One entry. Inside a walked folder a plain file costs one look at the disk (a second run
    over 100,000 unchanged files is mostly this walk): its own status, no path resolution, and its
    override files found among the names the folder listed."""
    if is_override_file(path):
        return
    absolute = os.path.abspath(path)
    try:
        status = path.lstat() if folder is not None else path.stat()
        if stat.S_ISLNK(status.st_mode):
            status, folder = path.stat(), None  # a link: what it points to, resolved below
    except OSError as error:
        unreadable[absolute] = _stat_problem(absolute, path, error)
        return
    if not stat.S_ISREG(status.st_mode):
        unreadable[absolute] = Unreadable(absolute, "not a regular file (a pipe, socket or device)")
        return
    # The path the index keeps: a link's target.
    real = folder.real_path_of(path.name) if folder is not None else os.path.realpath(path)
    if not is_kept_exactly(real):
        unreadable[index_path(absolute)] = Unreadable(
            index_path(absolute), "the file name holds the text \\xNN, which the archive writes bytes that "
            "are not UTF-8 as: rename the file to index it", failed=True)
        return
    try:
        # An edited override changes the file's time as far as indexing is concerned.
        overrides = override_files(path, folder.names if folder is not None else None)
        mtime_ns = max([status.st_mtime_ns] + [o.stat().st_mtime_ns for o in overrides])
    except OSError:
        mtime_ns = status.st_mtime_ns
    found[index_path(real)] = SourceFile(index_path(real), status.st_size, mtime_ns)


def _stat_problem(absolute: str, path: Path, error: OSError) -> Unreadable:
    if error.errno == errno.ELOOP:
        return Unreadable(absolute, "symlink loop (the link leads back to itself)")
    if error.errno == errno.ENOENT and path.is_symlink():
        return Unreadable(absolute, "broken symlink (what it points to does not exist)")
    if error.errno == errno.ENOENT:
        return Unreadable(absolute, GONE)
    return Unreadable(absolute, f"cannot read file: {error.strerror}", failed=True)
