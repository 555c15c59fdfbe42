"""`archive search` over the shipped corpus, through the real CLI and a real index."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from archive import extract_file
from tests.conftest import CORPUS, corpus_skipped


def _paths(payload) -> set[str]:
    return {hit["path"].split("/corpus/")[-1] for hit in payload["hits"]}


def _corpus_documents():
    documents = []
    for path in sorted(CORPUS.rglob("*")):
        if path.is_file() and path.name not in corpus_skipped():
            documents.extend(extract_file(str(path)))
    return documents


@pytest.fixture(scope="module")
def corpus_documents():
    return _corpus_documents()


def _containing(documents, pattern: str) -> set[str]:
    regex = re.compile(pattern, re.I)
    return {d.path.split("/corpus/")[-1] for d in documents if regex.search(d.text)}


def test_json_shape_is_the_contract(corpus_cli):
    payload = corpus_cli.json("search", "committee", "--limit", "3")
    assert set(payload) == {"total", "hits"}
    assert payload["total"] >= 3 and len(payload["hits"]) == 3
    for hit in payload["hits"]:
        assert {"id", "path", "title", "type", "date", "score", "names", "snippet"} <= set(hit)
        assert hit["type"] in {"letter", "committee_release", "article"}
        assert hit["date"] is None or re.fullmatch(r"\d{4}(-\d\d){0,2}", hit["date"])
        assert isinstance(hit["names"], list) and isinstance(hit["score"], float)


def test_phrase_matches_exactly_the_documents_with_those_words_in_order(corpus_cli, corpus_documents):
    expected = _containing(corpus_documents, r"\bfive\s+page\s+letter\b")
    assert len(expected) == 2
    payload = corpus_cli.json("search", '"five page letter"', "--limit", "50")
    assert _paths(payload) == expected


@pytest.mark.parametrize("phrase", ["of the", "it is", "one of the", "will be of", "in the river", "we have"])
def test_a_phrase_of_common_words_matches_exactly_the_documents_holding_it(corpus_cli, corpus_documents, phrase):
    """Common words side by side are looked up by their pairs: still exactly the documents whose
    words (as indexed: lower case, punctuation between words ignored) hold the phrase."""
    from indexer._schema import EXACT_ANALYZER

    words = phrase.split()
    expected = set()
    for document in corpus_documents:
        text = [token.text for token in EXACT_ANALYZER(document.text)]
        if any(text[start:start + len(words)] == words for start in range(len(text))):
            expected.add(document.path.split("/corpus/")[-1])
    assert expected
    payload = corpus_cli.json("search", f'"{phrase}"', "--limit", "500")
    assert payload["total"] == len(expected)
    assert _paths(payload) == expected


def test_phrase_does_not_jump_a_middle_initial(corpus_cli, corpus_documents):
    with_initial = _containing(corpus_documents, r"\bJohn\s+Q\.\s+Smith\b")
    plain = _containing(corpus_documents, r"\bJohn\s+Smith\b")
    assert with_initial and plain
    found = _paths(corpus_cli.json("search", '"John Smith"', "--limit", "50"))
    assert found == plain
    assert not (with_initial - plain) & found


def test_plain_words_match_their_inflections(corpus_cli, corpus_documents):
    singular = _containing(corpus_documents, r"\bletter\b")
    plural_only = _containing(corpus_documents, r"\bletters\b") - singular
    found = _paths(corpus_cli.json("search", "letters", "--limit", "100"))
    assert singular <= found
    assert plural_only <= found


def test_boolean_operators(corpus_cli, corpus_documents):
    both = _containing(corpus_documents, r"\boverflow") & _containing(corpus_documents, r"\bfine[ds]?\b")
    found = _paths(corpus_cli.json("search", "overflow AND fine", "--limit", "100"))
    assert both and found == both
    without = _paths(corpus_cli.json("search", "overflow NOT fine", "--limit", "100"))
    assert without and not without & both


def test_name_option_finds_every_form_of_a_name(corpus_cli):
    full = corpus_cli.json("search", "--name", "Adaeze Okafor", "--limit", "100")
    surname = corpus_cli.json("search", "--name", "okafor", "--limit", "100")
    assert full["total"] >= 3
    assert _paths(full) <= _paths(surname)
    for hit in full["hits"]:
        assert "Adaeze Okafor" in hit["names"]


def test_names_fold_accents(corpus_cli):
    accented = _paths(corpus_cli.json("search", "--name", "Zoë Lefèvre", "--limit", "100"))
    plain = _paths(corpus_cli.json("search", "--name", "Zoe Lefevre", "--limit", "100"))
    assert accented and accented == plain


def test_repeated_names_must_all_match(corpus_cli):
    one = _paths(corpus_cli.json("search", "--name", "Okafor", "--limit", "100"))
    other = _paths(corpus_cli.json("search", "--name", "Wierzbicki", "--limit", "100"))
    both = _paths(corpus_cli.json("search", "--name", "Okafor", "--name", "Wierzbicki", "--limit", "100"))
    assert both and both == one & other


@pytest.mark.parametrize("start,end,low,high", [
    ("2011", "2011", "2011-01-01", "2011-12-31"),
    ("March 2011", "2011-06", "2011-03-01", "2011-06-30"),
    ("14 March 2011", "2012-02-28", "2011-03-14", "2012-02-28"),
])
def test_date_range_bounds_the_document_date(corpus_cli, start, end, low, high):
    inside = corpus_cli.json("search", "--from", start, "--to", end, "--limit", "100")
    assert inside["total"] >= 1
    for hit in inside["hits"]:
        assert hit["date"] is not None
        assert low[:len(hit["date"])] <= hit["date"] <= high[:len(hit["date"])]
    everything = corpus_cli.json("search", "--limit", "200")
    expected = {h["id"] for h in everything["hits"]
                if h["date"] and h["date_precision"] == "day" and low <= h["date"] <= high}
    assert expected <= {h["id"] for h in inside["hits"]}


def test_open_ended_ranges(corpus_cli):
    before = corpus_cli.json("search", "--to", "2003", "--limit", "100")
    after = corpus_cli.json("search", "--from", "2012", "--limit", "100")
    assert before["total"] and after["total"]
    assert all(hit["date"][:4] <= "2003" for hit in before["hits"])
    assert all(hit["date"][:4] >= "2012" for hit in after["hits"])


def test_type_filter(corpus_cli):
    letters = corpus_cli.json("search", "--type", "letter", "--limit", "100")
    both = corpus_cli.json("search", "--type", "letter", "--type", "article", "--limit", "100")
    assert letters["total"] >= 6
    assert {hit["type"] for hit in letters["hits"]} == {"letter"}
    assert {hit["type"] for hit in both["hits"]} == {"letter", "article"}


@pytest.mark.parametrize("order", ["date", "-date"])
def test_sort_by_date_keeps_undated_last(corpus_cli, order):
    hits = corpus_cli.json("search", "--sort", order, "--limit", "200")["hits"]
    dated = [hit["date"] for hit in hits if hit["date"]]
    undated_positions = [i for i, hit in enumerate(hits) if not hit["date"]]
    assert dated == sorted(dated, reverse=order == "-date")
    assert undated_positions == list(range(len(dated), len(hits)))


def test_relevance_ranks_title_matches_high(corpus_cli):
    hits = corpus_cli.json("search", "kingfishers")["hits"]
    assert hits and "kingfisher" in hits[0]["title"].lower()


def test_limit_and_page_walk_the_results(corpus_cli):
    whole = corpus_cli.json("search", "committee", "--limit", "100")
    first = corpus_cli.json("search", "committee", "--limit", "3", "--page", "1")
    second = corpus_cli.json("search", "committee", "--limit", "3", "--page", "2")
    ids = [h["id"] for h in whole["hits"]]
    assert [h["id"] for h in first["hits"] + second["hits"]] == ids[:6]


def test_human_output_has_title_kind_date_path_and_snippet(corpus_cli):
    result = corpus_cli.run("search", '"five page letter"')
    assert result.exit_code == 0
    assert "2 documents match;" in result.stdout
    assert "five page letter" in result.stdout
    assert "/corpus/" in result.stdout
    assert re.search(r"(letter|article) · \d{4}", result.stdout)


def test_snippet_shows_the_matching_passage_and_its_page(corpus_cli, corpus_documents):
    multi_page = [d for d in corpus_documents if d.page_count >= 3]
    target = next(d for d in multi_page if "emergency discharge permit" in d.text)
    page = next(i for i, text in enumerate(target.pages, 1) if "emergency discharge permit" in text)
    hit = corpus_cli.json("search", '"emergency discharge permit"')["hits"][0]
    assert hit["path"].endswith(target.path.split("/corpus/")[-1])
    assert "emergency discharge permit" in hit["snippet"].lower()
    assert page in [passage["page"] for passage in hit["passages"]]


def test_field_queries(corpus_cli):
    letters = corpus_cli.json("search", "type:letter", "--limit", "100")
    assert letters["total"] and {h["type"] for h in letters["hits"]} == {"letter"}
    by_name = corpus_cli.json("search", "name:Wierzbicki", "--limit", "100")
    assert by_name["total"] >= 3
    assert all(any("Wierzbicki" in name for name in h["names"]) for h in by_name["hits"])


def test_mentions_finds_documents_naming_a_date_in_the_span(corpus_cli, corpus_documents):
    mentioning = {d.path.split("/corpus/")[-1] for d in corpus_documents
                  if any(m.iso().startswith("2009-02") for m in d.dates_mentioned)}
    found = _paths(corpus_cli.json("search", "--mentions", "2009-02", "--limit", "100"))
    assert mentioning and mentioning <= found
    for hit in corpus_cli.json("search", "--mentions", "February 2009", "--limit", "100")["hits"]:
        shown = corpus_cli.json("show", hit["id"])
        assert any(m[:7] in ("2009-02", "2009") for m in shown["dates_mentioned"])


def test_mentions_of_a_month_are_found_by_its_year(corpus_cli):
    by_month = _paths(corpus_cli.json("search", "--mentions", "2010-05", "--limit", "100"))
    by_year = _paths(corpus_cli.json("search", "--mentions", "2010", "--limit", "100"))
    assert by_month and by_month <= by_year


def test_sender_and_recipient_narrow_letters(corpus_cli):
    sent = corpus_cli.json("search", "--sender", "Okafor", "--limit", "100")
    received = corpus_cli.json("search", "--recipient", "Okafor", "--limit", "100")
    assert sent["total"] and received["total"]
    for hit in sent["hits"]:
        assert "okafor" in corpus_cli.json("show", hit["id"])["sender"].lower()
    for hit in received["hits"]:
        assert "okafor" in corpus_cli.json("show", hit["id"])["recipient"].lower()
    both = corpus_cli.json("search", "--sender", "Wierzbicki", "--recipient", "Adaeze Okafor", "--limit", "100")
    assert both["total"] and all(h["type"] == "letter" for h in both["hits"])


def test_count_prints_only_the_number(corpus_cli):
    expected = corpus_cli.json("search", "overflow", "--limit", "100")["total"]
    result = corpus_cli.run("search", "overflow", "--count")
    assert result.exit_code == 0 and result.stdout.strip() == str(expected)
    assert corpus_cli.json("search", "overflow", "--count") == {"total": expected}


def test_undated_documents_join_a_date_range_only_when_asked(corpus_cli):
    everything = corpus_cli.json("search", "--limit", "200")["hits"]
    undated = {h["id"] for h in everything if h["date"] is None}
    assert undated
    plain = {h["id"] for h in corpus_cli.json("search", "--from", "2011", "--to", "2011", "--limit", "200")["hits"]}
    asked = {h["id"] for h in corpus_cli.json("search", "--from", "2011", "--to", "2011", "--undated",
                                               "--limit", "200")["hits"]}
    assert not plain & undated
    assert asked == plain | undated


def test_path_patterns(corpus_cli):
    pdf_letters = corpus_cli.json("search", "--path", "letters/*.pdf", "--limit", "100")["hits"]
    assert pdf_letters and all("/letters/" in h["path"] and h["path"].endswith(".pdf") for h in pdf_letters)
    both = corpus_cli.json("search", "--path", "letters/*.pdf", "--path", "releases/*.pdf", "--limit", "100")
    assert {h["type"] for h in both["hits"]} == {"letter", "committee_release"}


def test_explain_shows_the_query_as_understood(corpus_cli):
    result = corpus_cli.run("search", '"five page letter"', "--type", "letter", "--explain")
    assert result.exit_code == 0
    first_line = result.stdout.splitlines()[0]
    assert first_line.startswith("query:") and 'body:"five page letter"' in first_line and "type:letter" in first_line
    payload = corpus_cli.json("search", "letters", "--from", "2010", "--explain")
    assert "Variations" in payload["query"] or "letter" in payload["query"]


def test_format_filter(corpus_cli):
    pdfs = corpus_cli.json("search", "--format", "pdf", "--limit", "100")
    assert pdfs["total"] >= 8 and {h["format"] for h in pdfs["hits"]} == {"pdf"}
    two = corpus_cli.json("search", "--format", "pdf", "--format", "eml", "--limit", "100")
    assert {h["format"] for h in two["hits"]} == {"pdf", "eml"}
    office = corpus_cli.json("search", "--format", "docx", "--format", "msg", "--format", "mbox", "--limit", "100")
    assert sorted(Path(h["path"]).suffix for h in office["hits"]) == [".docx", ".mbox", ".msg"]
    bad = corpus_cli.run("search", "--format", "xlsx")
    assert bad.exit_code == 1 and "unknown --format" in bad.output


def test_csv_output_for_spreadsheets(corpus_cli):
    import csv
    import io

    result = corpus_cli.run("search", '"five page letter"', "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2
    assert set(rows[0]) == {"id", "path", "title", "type", "format", "date", "score", "names", "snippet"}
    assert all("five page letter" in row["snippet"].lower() for row in rows)
    # With a document format too: CSV of those documents only.
    kept = rows[0]["format"]
    narrowed = corpus_cli.run("search", '"five page letter"', "--format", "csv", "--format", kept)
    kept_rows = list(csv.DictReader(io.StringIO(narrowed.stdout)))
    # The same rows, scores included: a filter narrows the hits and never changes their scores.
    assert kept_rows == [row for row in rows if row["format"] == kept]
    both = corpus_cli.run("search", "letter", "--format", "csv", "--json")
    assert both.exit_code == 1 and "choose one" in both.stderr


def test_facets_count_every_match(corpus_cli):
    payload = corpus_cli.json("search", "overflow", "--facets", "--limit", "1")
    facets = payload["facets"]
    assert sum(facets["by_type"].values()) == payload["total"] == sum(facets["by_year"].values())
    everything = corpus_cli.json("search", "overflow", "--limit", "200")["hits"]
    assert facets["by_type"] == {kind: sum(h["type"] == kind for h in everything)
                                 for kind in facets["by_type"]}
    top_name, top_count = next(iter(facets["names"].items()))
    assert top_count == sum(top_name in h["names"] for h in everything)


def test_did_you_mean_when_nothing_matches(corpus_cli):
    payload = corpus_cli.json("search", "Wierzbicky")
    assert payload["total"] == 0 and payload["suggestion"] == "wierzbicki"
    human = corpus_cli.run("search", "Wierzbicky")
    assert "Did you mean: wierzbicki?" in human.stdout
    assert "suggestion" not in corpus_cli.json("search", "Wierzbicki")


def test_similar_documents(corpus_cli):
    source = corpus_cli.json("search", "kingfishers")["hits"][0]
    similar = corpus_cli.json("similar", source["id"], "--limit", "3")
    assert 1 <= len(similar["hits"]) <= 3
    assert source["id"] not in [h["id"] for h in similar["hits"]]
    human = corpus_cli.run("similar", source["path"], "--limit", "2")
    assert human.exit_code == 0 and "match" in human.stdout


def test_timeline_per_year_or_per_month(corpus_cli):
    wide = corpus_cli.json("search", "overflow", "--timeline", "--limit", "200")
    dated = [h["date"][:4] for h in wide["hits"] if h["date"]]
    assert wide["timeline"] == {year: dated.count(year) for year in sorted(set(dated))}
    narrow = corpus_cli.json("search", "overflow", "--from", "2011", "--to", "2012", "--timeline", "--limit", "200")
    months = [h["date"][:7] for h in narrow["hits"] if h["date"]]
    assert narrow["timeline"] == {month: months.count(month) for month in sorted(set(months))}
    drawn = corpus_cli.run("search", "overflow", "--timeline", "--limit", "1")
    assert "█" in drawn.stdout and f"{max(wide['timeline'].values())}" in drawn.stdout


def test_any_words_matches_documents_with_some_of_them(corpus_cli, corpus_documents):
    both = _containing(corpus_documents, r"\bkingfishers?\b") & _containing(corpus_documents, r"\bcovenant\b")
    either = _containing(corpus_documents, r"\bkingfishers?\b") | _containing(corpus_documents, r"\bcovenant\b")
    assert _paths(corpus_cli.json("search", "kingfisher covenant", "--limit", "100")) == both
    found = corpus_cli.json("search", "kingfisher covenant", "--any", "--limit", "100")
    assert _paths(found) == either and len(either) > len(both)
