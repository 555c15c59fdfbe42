"""Walking the paths a user gives: each file at the path the index keeps (a link's target),
with the time of its override files, whether reached through links or not."""
from __future__ import annotations

import os
from pathlib import Path

from archive import walk
from archive.overrides import override_files


def _tree(tmp_path: Path) -> Path:
    real = tmp_path / "real"
    (real / "letters").mkdir(parents=True)
    (real / "letters" / "a.txt").write_text("Dear Sir, the overflow.", encoding="utf-8")
    (real / "letters" / "b.txt").write_text("Dear Madam, the gauge.", encoding="utf-8")
    (real / "letters" / "b.txt.meta.json").write_text('{"title": "Gauge"}', encoding="utf-8")
    (real / "letters" / "metadata.csv").write_text("path,type\na.txt,letter\n", encoding="utf-8")
    (real / "elsewhere.txt").write_text("Minutes of the committee.", encoding="utf-8")
    (real / "letters" / "link.txt").symlink_to(real / "elsewhere.txt")
    os.utime(real / "letters" / "b.txt.meta.json", ns=(2_000_000_000_000_000_000,) * 2)
    return real


def _expected(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """What the walk should say of each file, worked out the plain way (resolving every path)."""
    expected = {}
    for path in paths:
        status = path.stat()
        mtimes = [status.st_mtime_ns] + [o.stat().st_mtime_ns for o in override_files(path)]
        expected[os.path.realpath(path)] = (status.st_size, max(mtimes))
    return expected


def test_files_are_kept_at_their_real_paths_with_their_overrides_times(tmp_path):
    real = _tree(tmp_path)
    through_link = tmp_path / "shortcut"
    through_link.symlink_to(real, target_is_directory=True)
    for root in (real, through_link):
        found = {source.path: (source.size, source.mtime_ns) for source in walk([str(root)]).files}
        listed = [root / "elsewhere.txt", root / "letters" / "a.txt", root / "letters" / "b.txt",
                  root / "letters" / "link.txt"]
        assert found == _expected(listed)
        assert all(path.startswith(str(real)) for path in found)
    # the sidecar's later time counts as the file's: editing it makes the file changed
    assert dict((s.path, s.mtime_ns) for s in walk([str(real)]).files)[str(real / "letters" / "b.txt")] \
        == 2_000_000_000_000_000_000
