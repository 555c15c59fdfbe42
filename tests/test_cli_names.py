"""--name: every way a document writes a name is found, the full name first."""
from __future__ import annotations

from pathlib import Path


def test_full_name_first_then_surname_then_the_name_in_the_text(cli, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "full.txt").write_text(
        "Denis MacShane MP wrote to the minister about the report.\n", encoding="utf-8")
    (docs / "surname.txt").write_text(
        "The committee heard that Mr MacShane had written twice.\n", encoding="utf-8")
    (docs / "missed.txt").write_text(
        "minutes: actions for denis macshane and the clerk, to be done by friday.\n", encoding="utf-8")
    (docs / "other.txt").write_text("Nothing about him here, only Denis Healey.\n", encoding="utf-8")
    cli.json("index", str(docs))
    hits = cli.json("search", "--name", "Denis MacShane", "--limit", "10")["hits"]
    order = [Path(hit["path"]).name for hit in hits]
    assert set(order) == {"full.txt", "surname.txt", "missed.txt"}
    assert order[0] == "full.txt"
    assert cli.json("search", "--name", "MACSHANE")["total"] == 2  # the names the rules found
