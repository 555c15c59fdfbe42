"""`archive reindex`: the index rebuilt from the files it was read from, beside the old one.

The old index stays whole and searchable until the new one is complete; then one rename puts the
new one in its place. Killed half-way, the rebuild leaves only a folder the next one clears.
"""
from __future__ import annotations

import ctypes
import errno
import os
import shutil
from dataclasses import replace
from pathlib import Path

from archive.document import ATTACHMENT_MARK
from archive.file_names import real_path
from indexer._index import RUNS_FILE, ArchiveIndex, failing_writes_reported
from indexer.batch import IndexOptions, IndexReport, ProgressCallback, index_paths
from indexer.errors import IndexDamaged

BUILDING_SUFFIX = ".reindexing"
REPLACED_SUFFIX = ".replaced"
RENAME_EXCHANGE = 2   # from <linux/fs.h>
AT_FDCWD = -100


def rebuild_index(index_dir: str | Path, progress: ProgressCallback | None = None,
                  options: IndexOptions = IndexOptions()) -> IndexReport:
    """Rebuild the index from its files; files gone from disk are left out (counted as removed)."""
    folder = Path(index_dir).resolve()
    old = ArchiveIndex.open(folder, outdated_ok=True)
    lock = old.run_lock()  # an `archive index` meanwhile would write to the index being replaced
    try:
        known = _known_paths(old)
        # An e-mail's attachments (mail.eml#minutes.pdf) are no files: they come with their e-mail.
        present = sorted(path for path in known if os.path.isfile(real_path(path)))
        building = building_folder(folder)
        try:
            with failing_writes_reported(folder):
                _start_building(building, folder)
                # The new index is kept by the engine that kept the old one.
                report = index_paths(present, building, progress, replace(options, engine=old.engine.name))
                _swap(building, folder)
        except BaseException:  # Ctrl-C too: the old index stays, the half-built one goes
            shutil.rmtree(building, ignore_errors=True)
            raise
        report.removed = len(_gone_files(known))
        return report
    finally:
        lock.release()


def building_folder(folder: Path) -> Path:
    """Where the new index is built, beside the old one (on the same file system, to be swapped in)."""
    folder = Path(folder).resolve()
    return folder.with_name(folder.name + BUILDING_SUFFIX)


def _known_paths(index: ArchiveIndex) -> list[str]:
    try:
        return list(index.file_states())
    except Exception as error:  # a garbled segment: what Whoosh raises varies
        raise IndexDamaged(f"the paths the index at {index.folder} holds cannot be read ({type(error).__name__}: "
                           f"{error}): build a new index from your folders with `archive index PATH --index NEW_FOLDER`") from None


def _gone_files(paths: list[str]) -> set[str]:
    """The files among ``paths`` no longer on disk; an attachment goes with its e-mail, counted once."""
    gone = {path.split(ATTACHMENT_MARK)[0] for path in paths if not os.path.lexists(path)}
    return {path for path in gone if not os.path.lexists(path)}


def _start_building(building: Path, folder: Path) -> None:
    """An empty folder beside the index (clearing what a killed rebuild left), with the run log."""
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    if (folder / RUNS_FILE).exists():
        shutil.copy2(folder / RUNS_FILE, building / RUNS_FILE)


def _swap(building: Path, folder: Path) -> None:
    """The new index into the old one's place, the old one removed.

    Linux exchanges the two folders in one step, so the index's path never stands empty; elsewhere
    two renames leave a moment in which it does (the old index is then at ``.replaced``)."""
    if _exchange(building, folder):
        shutil.rmtree(building, ignore_errors=True)
        return
    replaced = folder.with_name(folder.name + REPLACED_SUFFIX)
    shutil.rmtree(replaced, ignore_errors=True)
    os.rename(folder, replaced)
    try:
        os.rename(building, folder)
    except OSError:
        os.rename(replaced, folder)  # the old index back in its place
        raise
    shutil.rmtree(replaced, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """renameat2(RENAME_EXCHANGE): False where the system or the file system lacks it."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))
