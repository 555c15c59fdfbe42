"""What a search asks and what it answers, the same whichever engine keeps the index."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from archive.document import DateSpan

if TYPE_CHECKING:
    from indexer._snippets import Targets

SORTS = ("relevance", "date", "-date")
FACET_NAMES = 10


@dataclass
class Passage:
    text: str
    page: int
    # (start, end) offsets of the matched words within ``text``
    matches: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class SearchRequest:
    query: str = ""
    names: list[str] = field(default_factory=list)
    date_span: DateSpan | None = None
    # documents mentioning a date inside this span
    mentions: DateSpan | None = None
    senders: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    facets: bool = False
    # plain words: any of them may match (all must, by default)
    any_words: bool = False
    # with a date range: also the documents whose own date is unknown
    undated: bool = False
    # shell-style patterns on the file paths ("*/letters/*.pdf")
    paths: list[str] = field(default_factory=list)
    sort: str = "relevance"
    limit: int = 10
    page: int = 1


@dataclass
class Hit:
    id: str
    path: str
    paths: list[str]
    title: str
    kind: str
    format: str
    date: str | None
    date_precision: str | None
    score: float
    people: list[str]
    organisations: list[str]
    sender: str | None
    recipient: str | None
    pages: int
    passages: list[Passage]

    @property
    def names(self) -> list[str]:
        return self.people + self.organisations


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    # a close spelling that exists in the index, when nothing matched
    suggestion: str | None = None
    # counts over every match, when asked: by kind, by year, the most named people and organisations
    facets: dict | None = None


@dataclass
class StoredDocument:
    """A document as the index holds it: its metadata, every path it lies at, and its text."""

    hit: Hit
    date_source: str | None
    dates_mentioned: list[str]
    overridden: dict[str, str]
    sha256: str
    text: str


@dataclass
class Found:
    """An engine's answer to a SearchRequest, before the archive adds texts and passages."""

    total: int
    # the page asked for: each document's stored fields, and its score (None when sorted by date)
    page: list[tuple[dict, float | None]]
    # what to mark in the texts shown (indexer._snippets.Targets)
    targets: Targets
    suggestion: str | None = None
    facets: dict | None = None


def page_of(best: list[tuple[float, int]], total: int, page: int, limit: int) -> list[tuple[float, int]]:
    """One page of the best hits; a page past the last is the last, as Whoosh's ResultsPage has it."""
    if not total:
        return []
    page = min(page, math.ceil(total / limit))
    return best[(page - 1) * limit:page * limit]


def facet_counts(documents: Iterable[dict]) -> dict:
    """Counts over the stored fields of every match: by kind, year and month, and the most named."""
    by_type, by_year, by_month, names = Counter(), Counter(), Counter(), Counter()
    for stored in documents:
        date = stored.get("date")
        by_type[stored.get("type")] += 1
        by_year[date[:4] if date else "undated"] += 1
        if date and len(date) >= 7:
            by_month[date[:7]] += 1
        names.update(set(stored.get("people", []) + stored.get("organisations", [])))
    return {"by_type": dict(by_type.most_common()), "by_year": dict(sorted(by_year.items())),
            "by_month": dict(sorted(by_month.items())), "names": dict(names.most_common(FACET_NAMES))}
