"""Precision and recall of the date finder on hand-labelled real sentences.

    python bench/dates_quality.py [-v]

Two hand-labelled sets (how they were made: tests/data/DATES_LABELLING.md): the development set
tests/data/dates_labelled.jsonl, whose misses shaped the rules, and the held-out set
tests/data/dates_heldout.jsonl, labelled afterwards from other files and never used to tune them:
its figures are the honest ones.
The sentences stay in ../shared/realdata: each record points into its file, and its sha1 proves
the text is the one that was labelled. Numeric dates are read month-first for the US sources
(Senate and House releases, Enron mail), day-first elsewhere: the archive's day_first setting.
A found date counts when it equals a label (multisets, per sentence).
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.dates import find_dates  # noqa: E402
from archive.document import PartialDate  # noqa: E402

REALDATA = ROOT.parent / "shared" / "realdata"
LABEL_SETS = {"development": ROOT / "tests" / "data" / "dates_labelled.jsonl",
              "held-out": ROOT / "tests" / "data" / "dates_heldout.jsonl"}
MONTH_FIRST_SOURCES = ("releases/", "letters/enron")


@dataclass
class Tally:
    sentences: int = 0
    found: int = 0
    labelled: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.labelled if self.labelled else 1.0


@lru_cache(maxsize=None)
def _file_text(relative: str) -> str:
    data = (REALDATA / relative).read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        text = data.decode("utf-8-sig")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
    return text.replace("\r\n", "\n")


@lru_cache(maxsize=None)
def _conll_sentences(relative: str) -> list[str]:
    sentences, tokens = [], []
    for line in _file_text(relative).split("\n"):
        if line.startswith("-DOCSTART-"):
            continue
        if not line.strip():
            if tokens:
                sentences.append(" ".join(tokens))
                tokens = []
            continue
        tokens.append(line.split()[0])
    if tokens:
        sentences.append(" ".join(tokens))
    return sentences


def sentence_of(record: dict) -> str:
    if "conll_sentence" in record:
        text = _conll_sentences(record["file"])[record["conll_sentence"]]
    else:
        text = _file_text(record["file"])[record["start"]:record["end"]]
    if hashlib.sha1(text.encode("utf-8")).hexdigest() != record["sha1"]:
        raise ValueError(f"{record['file']}: the text is not the one that was labelled")
    return text


def records(label_set: str) -> list[dict]:
    text = LABEL_SETS[label_set].read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def evaluate(label_set: str = "held-out") -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    for record in records(label_set):
        text = sentence_of(record)
        anchor = PartialDate.from_iso(record["anchor"]) if record.get("anchor") else None
        day_first = not record["file"].startswith(MONTH_FIRST_SOURCES)
        found = Counter(f.date.iso() for f in find_dates(text, anchor=anchor, day_first=day_first))
        labelled = Counter(record["dates"])
        for source in ("all", record["file"].split("/")[1] if "/" in record["file"] else record["file"]):
            tally = tallies.setdefault(source, Tally())
            tally.sentences += 1
            tally.found += sum(found.values())
            tally.labelled += sum(labelled.values())
            tally.right += sum((found & labelled).values())
            if found != labelled:
                tally.misses.append(f"{record['file']}: found {sorted(found.elements())} "
                                    f"labelled {sorted(labelled.elements())}: {text[:160]!r}")
    return tallies


def main() -> None:
    print("| set | sentences from | sentences | labelled dates | found | precision | recall |")
    print("|---|---|---|---|---|---|---|")
    for label_set in LABEL_SETS:
        tallies = evaluate(label_set)
        for source, tally in sorted(tallies.items(), key=lambda item: item[0] != "all"):
            print(f"| {label_set} | {source} | {tally.sentences} | {tally.labelled} | {tally.found} | "
                  f"{tally.precision:.3f} | {tally.recall:.3f} |")
        if "-v" in sys.argv:
            for line in tallies["all"].misses:
                print(f"{label_set}: {line}")


if __name__ == "__main__":
    main()
