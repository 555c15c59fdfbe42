"""`--from/--to`, `--undated` and `--mentions` at the edges of each span, through the real CLI.

A folder of small documents whose dates sit on and just beside the edges of the spans asked
for: each document's date comes from its own date line, or from a NAME.meta.json sidecar for
the forms a date line does not give (a bare year, a day written nowhere in the text).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli

BODY = ("Thank you for your letter about the storm overflow at the treatment works and the "
        "discharges into the brook, which the committee will consider at its next meeting.\n\n"
        "Yours sincerely,\nTomasz Wierzbicki\n")

# label: (the date line the text opens with, or None; the date a sidecar gives, or None;
#         the document date the archive should settle on)
DATED = {
    "a": ("28 February 2009", None, "2009-02-28"),
    "b": ("1 March 2009", None, "2009-03-01"),
    "c": ("13 March 2009", None, "2009-03-13"),
    "d": ("14 March 2009", None, "2009-03-14"),
    "e": ("15 March 2009", None, "2009-03-15"),
    "f": ("31 March 2009", None, "2009-03-31"),
    "g": ("1 April 2009", None, "2009-04-01"),
    "h": ("31 December 2009", None, "2009-12-31"),
    "i": ("1 January 2010", None, "2010-01-01"),
    "j": (None, "2010-02-28", "2010-02-28"),
    "k": ("1 March 2010", None, "2010-03-01"),
    "l": ("March 2010", None, "2010-03"),      # known to the month only
    "m": (None, "2010", "2010"),               # known to the year only
    "n": ("28 February 2012", None, "2012-02-28"),
    "o": ("29 February 2012", None, "2012-02-29"),
    "p": ("1 March 2012", None, "2012-03-01"),
}
# Undated documents, each mentioning dates in running prose after an opening long enough that no
# date in it counts as the document's own (a full date in the opening lines would).
OPENING = "The residents of the valley wrote to the committee about the brook. " * 15
MENTIONING = {
    "undated": "The committee has not yet said when it will publish its report on the overflow at the works.",
    "may": "The residents of the valley told the committee that the hearing was held in May 2016 at the town hall.",
    "may31": "The residents of the valley told the committee that the works flooded on 31 May 2016 after the storm.",
    "june1": "The residents of the valley told the committee that the works flooded again on 1 June 2016 after rain.",
    "year": "The residents of the valley told the committee that the brook was cleaned in 2016 by volunteers.",
}
UNDATED = set(MENTIONING)


def _write(folder: Path) -> None:
    for label, (date_line, sidecar, _) in DATED.items():
        opening = f"{date_line}\n\n" if date_line else ""
        # The reference keeps the texts apart: the same bytes at two paths would be one document.
        text = f"{opening}Dear Ms Okafor,\n\nReference {label}.\n\n{BODY}"
        (folder / f"{label}.txt").write_text(text, encoding="utf-8")
        if sidecar:
            (folder / f"{label}.txt.meta.json").write_text(json.dumps({"date": sidecar}), encoding="utf-8")
    for label, sentence in MENTIONING.items():
        (folder / f"{label}.txt").write_text(f"Notes for the file\n\n{OPENING}\n\n{sentence}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def edges_cli(tmp_path_factory, engine_name) -> Cli:
    base = tmp_path_factory.mktemp(f"date-edges-{engine_name}")
    folder = base / "docs"
    folder.mkdir()
    _write(folder)
    cli = Cli(base / "index", engine_name)
    result = cli.run("index", str(folder), "--json")
    assert result.exit_code == 0, result.output
    return cli


def _labels(cli: Cli, *args: str) -> set[str]:
    payload = cli.json("search", *args, "--limit", "100")
    assert payload["total"] == len(payload["hits"])
    return {Path(hit["path"]).stem for hit in payload["hits"]}


def test_every_document_has_the_date_it_was_written_with(edges_cli):
    """The premise of the edge tests below: the archive settled on the intended dates."""
    hits = edges_cli.json("search", "--limit", "100")["hits"]
    found = {Path(hit["path"]).stem: hit["date"] for hit in hits}
    assert found == {label: date for label, (_, _, date) in DATED.items()} | {label: None for label in UNDATED}


SPANS = [
    # (--from, --to, the documents inside)
    pytest.param("2010", "2010", {"i", "j", "k", "l", "m"}, id="bare-year"),
    pytest.param("2010-02", "2010-02", {"j", "m"}, id="year-month"),
    pytest.param("2010-03", "2010-03", {"k", "l", "m"}, id="year-month-meets-month-precision"),
    pytest.param("2010-01-01", "2010-02-28", {"i", "j", "m"}, id="full-days"),
    pytest.param("2009-12-31", "2010-01-01", {"h", "i", "m"}, id="across-new-year"),
    pytest.param("2010-03-01", "2010-03-01", {"k", "l", "m"}, id="one-day-inside-a-month-and-a-year"),
    pytest.param("14 March 2009", "14 March 2009", {"d"}, id="day-month-year"),
    pytest.param("March 14, 2009", "14/03/2009", {"d"}, id="month-day-year-and-numeric"),
    pytest.param("March 2009", "March 2009", {"b", "c", "d", "e", "f"}, id="month-name-year"),
    pytest.param("14 March 2009", "March 2009", {"d", "e", "f"}, id="day-to-end-of-month"),
    pytest.param("2012-02-29", "2012-02-29", {"o"}, id="leap-day"),
    pytest.param("2012-02", "2012-02", {"n", "o"}, id="leap-february"),
    pytest.param("29 February 2012", None, {"o", "p"}, id="from-only"),
    pytest.param(None, "1 March 2009", {"a", "b"}, id="to-only"),
]


@pytest.mark.parametrize(("start", "end", "inside"), SPANS)
def test_date_span_keeps_the_edges_in_and_the_neighbours_out(edges_cli, start, end, inside):
    bounds = (["--from", start] if start else []) + (["--to", end] if end else [])
    assert _labels(edges_cli, *bounds) == inside


@pytest.mark.parametrize(("start", "end", "inside"), SPANS)
def test_undated_documents_join_only_when_asked(edges_cli, start, end, inside):
    bounds = (["--from", start] if start else []) + (["--to", end] if end else [])
    assert _labels(edges_cli, *bounds, "--undated") == inside | UNDATED


def test_undated_alone_changes_nothing_without_a_date_span(edges_cli):
    assert _labels(edges_cli, "--undated") == set(DATED) | UNDATED


@pytest.mark.parametrize(("mentions", "found"), [
    ("2016", {"may", "may31", "june1", "year"}),
    ("2016-05", {"may", "may31", "year"}),
    ("May 2016", {"may", "may31", "year"}),
    ("2016-06", {"june1", "year"}),
    ("31 May 2016", {"may", "may31", "year"}),
    ("2016-06-01", {"june1", "year"}),
    ("2016-04", {"year"}),  # "in 2016" may be April too
    ("2015", set()),
    ("2017-01", set()),
])
def test_mentions_overlap_the_span(edges_cli, mentions, found):
    assert _labels(edges_cli, "--mentions", mentions) == found


def test_mentions_and_the_document_date_are_separate_filters(edges_cli):
    # The dated letters mention only their own dates; the notes mention 2016 and are undated.
    assert _labels(edges_cli, "--mentions", "2010-03") == {"k", "l"}
    assert _labels(edges_cli, "--mentions", "2016", "--from", "2009", "--to", "2012") == set()
    assert _labels(edges_cli, "--mentions", "2016", "--from", "2009", "--undated") == {"may", "may31", "june1", "year"}


@pytest.mark.parametrize(("start", "end"), [
    ("2011", "2010"),
    ("2010-03", "2010-02"),
    ("2010-03-01", "2010-02-28"),
    ("1 March 2010", "February 2010"),
])
def test_from_after_to_is_one_line_error(edges_cli, start, end):
    result = edges_cli.run("search", "--from", start, "--to", end)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "after" in lines[0] and start in lines[0], result.output


@pytest.mark.parametrize("typed", ["29 February 2011", "2010-13", "last year"])
def test_impossible_or_vague_dates_are_refused_in_one_line(edges_cli, typed):
    for option in ("--from", "--to", "--mentions"):
        result = edges_cli.run("search", option, typed)
        assert result.exit_code == 1
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and typed in lines[0], result.output
