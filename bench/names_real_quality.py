"""People and organisations on the archive's own kinds of document, labelled by hand.

    python bench/names_real_quality.py                 # scores per set, tuning and held-out parts
    python bench/names_real_quality.py --errors SET    # the tuning part's misses and false finds
    python bench/names_real_quality.py --texts SET     # the texts to label (for labellers)

Four sets drawn from ../shared/realdata, 40 documents each, chosen by position (not by content):
bbc-politics (BBC politics articles), releases (20 Senate and 20 House press releases), enron
(Kaminski's e-mails) and letters (the Federalist papers). A document is its text as the archive
reads it, cut at LABELLED_CHARS (at a paragraph break) so that a long paper can be labelled whole.
The labels are in tests/data/names/SET.jsonl, written by following tests/data/NAMES_LABELLING.md;
every fourth document of each set (the 4th, 8th, ...) is held out: its errors are never listed,
so no rule is tuned on it.

Scores follow bench/names_quality.py's protocol (CoNLL): per document, the set of distinct names
found (people and organisations) against the set labelled, case-folded; a found name is right when
it equals a labelled form; a labelled form is recalled when it equals a found name or is a short
form of one ("Blair" of "Tony Blair"). Untyped precision, recall and F1 are micro-averaged over a
set's documents; organisation recall counts labelled organisations recalled by found organisations.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive import extract_bytes  # noqa: E402
from archive.metadata import build_document  # noqa: E402
from archive.names import Names  # noqa: E402
from archive.readers.base import RawText  # noqa: E402

REALDATA = ROOT.parent / "shared" / "realdata"
LABELS = ROOT / "tests" / "data" / "names"
SETS = ("bbc-politics", "releases", "enron", "letters")
PER_SET = 40
HELD_OUT_EVERY = 4
LABELLED_CHARS = 6000
MIN_WORDS = 40  # a document shorter than this has too few names to label (e-mails of one line)


@dataclass(frozen=True)
class Sample:
    id: str      # set/source path, or set/file:line for a House release
    text: str


def _cut(text: str) -> str:
    if len(text) <= LABELLED_CHARS:
        return text
    cut = text.rfind("\n\n", 0, LABELLED_CHARS)
    return text[:cut if cut > LABELLED_CHARS // 2 else LABELLED_CHARS]


def _text(data: bytes, name: str) -> str:
    return extract_bytes(data, name)[0].text


def _spread(items: list, count: int) -> list:
    """``count`` items at even steps through ``items`` (the first included)."""
    step = len(items) / count
    return [items[int(number * step)] for number in range(count)]


def _long_enough(samples: list[Sample]) -> list[Sample]:
    return [sample for sample in samples if len(sample.text.split()) >= MIN_WORDS]


def _bbc_politics() -> list[Sample]:
    folder = REALDATA / "articles" / "bbc" / "politics"
    paths = _spread(sorted(folder.glob("*.txt")), PER_SET)
    return [Sample(f"bbc-politics/{p.name}", _cut(_text(p.read_bytes(), p.name))) for p in paths]


def _house_records() -> list[Sample]:
    records = []
    for path in sorted((REALDATA / "releases" / "happycongress").rglob("*Press.txt")):
        for number, line in enumerate(path.read_bytes().decode("utf-8-sig").splitlines()):
            body = line.split("\t", 1)[-1]
            records.append(Sample(f"releases/{path.name}:{number}", _cut(_text(body.encode(), "house.txt"))))
    return records


def _releases() -> list[Sample]:
    senate = sorted((REALDATA / "releases" / "grimmer-senate" / "raw").rglob("*.txt"))
    senate_samples = [Sample(f"releases/{p.name}", _cut(_text(p.read_bytes(), p.name)))
                      for p in _spread(senate, PER_SET // 2)]
    house = _spread(_long_enough(_house_records()), PER_SET // 2)
    return [sample for pair in zip(senate_samples, house) for sample in pair]


def _enron() -> list[Sample]:
    folder = REALDATA / "letters" / "enron-kaminski-v"
    mails = [Sample(f"enron/{p.relative_to(folder)}", _cut(_text(p.read_bytes(), p.name)))
             for p in sorted(q for q in folder.rglob("*") if q.is_file())]
    return _spread(_long_enough(mails), PER_SET)


def _letters() -> list[Sample]:
    folder = REALDATA / "letters" / "federalist" / "papers"
    paths = _spread(sorted(folder.glob("*.txt")), PER_SET)
    return [Sample(f"letters/{p.name}", _cut(_text(p.read_bytes(), p.name))) for p in paths]


_MAKERS = {"bbc-politics": _bbc_politics, "releases": _releases, "enron": _enron, "letters": _letters}


def samples(set_name: str) -> list[Sample]:
    return _MAKERS[set_name]()


def part_of(number: int) -> str:
    return "held out" if number % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 else "tuning"


def labels(set_name: str) -> dict[str, dict]:
    path = LABELS / f"{set_name}.jsonl"
    return {row["id"]: row for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if row}


def _normal(name: str) -> str:
    """Case, spacing and a closing full stop or exclamation mark do not make another name: "Enron
    Corp." is "Enron Corp", "Yahoo!" is "Yahoo"."""
    return " ".join(name.casefold().split()).rstrip(".!")


def _recalled(truth: str, found: set[str]) -> bool:
    if truth in found:
        return True
    words = truth.split()
    return any(len(name.split()) > len(words) and name.split()[-len(words):] == words for name in found)


@dataclass
class Counts:
    documents: int = 0
    found: int = 0
    right: int = 0
    truth: int = 0
    recalled: int = 0
    orgs: int = 0
    orgs_recalled: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, sample_id: str, people: list[str], organisations: list[str], row: dict) -> None:
        self.documents += 1
        found = {_normal(name) for name in people + organisations}
        found_orgs = {_normal(name) for name in organisations}
        truth = {_normal(name) for name in row["people"] + row["organisations"]}
        truth_orgs = {_normal(name) for name in row["organisations"]}
        self.found += len(found)
        self.right += len(found & truth)
        self.truth += len(truth)
        self.recalled += sum(_recalled(name, found) for name in truth)
        self.orgs += len(truth_orgs)
        self.orgs_recalled += sum(_recalled(name, found_orgs) for name in truth_orgs)
        wrong = sorted(found - truth)
        missed = sorted(name for name in truth if not _recalled(name, found))
        org_missed = sorted(name for name in truth_orgs if not _recalled(name, found_orgs) and name not in missed)
        if wrong or missed or org_missed:
            self.errors.append(f"{sample_id}: wrong {wrong} missed {missed} org not as org {org_missed}")

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.truth if self.truth else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def org_recall(self) -> float:
        return self.orgs_recalled / self.orgs if self.orgs else 1.0


def document_names(text: str) -> Names:
    """The people and organisations the archive stores for a text: find_names, plus a letter's
    writer and addressee from its byline, salutation and signature. Under a neutral file name, so
    that no folder hints at the kind."""
    document = build_document("document.txt", "", "txt", RawText(pages=[text]))
    return Names(people=document.people, organisations=document.organisations)


def evaluate(set_name: str, find=document_names) -> dict[str, Counts]:
    """Counts for the tuning part, the held-out part and both ("all")."""
    rows = labels(set_name)
    parts = {"tuning": Counts(), "held out": Counts(), "all": Counts()}
    for number, sample in enumerate(samples(set_name)):
        row = rows.get(sample.id)
        if row is None:
            continue  # not labelled yet: the table says how many documents are
        names = find(sample.text)
        for part in (part_of(number), "all"):
            parts[part].add(sample.id, names.people, names.organisations, row)
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", choices=SETS, help="print the documents of a set to label")
    parser.add_argument("--errors", choices=SETS, help="list the tuning part's errors in a set")
    args = parser.parse_args()
    if args.texts:
        for number, sample in enumerate(samples(args.texts)):
            print(f"=== {sample.id} ({part_of(number)})\n{sample.text}\n")
        return
    if args.errors:
        for line in evaluate(args.errors)["tuning"].errors:
            print(line)
        return
    print("| set | part | documents labelled | names labelled | P | R | F1 | organisation recall |")
    print("|---|---|---|---|---|---|---|---|")
    for set_name in SETS:
        if not (LABELS / f"{set_name}.jsonl").is_file():
            print(f"| {set_name} | no labels yet | | | | | | |")
            continue
        for part, counts in evaluate(set_name).items():
            print(f"| {set_name} | {part} | {counts.documents} | {counts.truth} | {counts.precision:.3f} "
                  f"| {counts.recall:.3f} | {counts.f1:.3f} | {counts.org_recall:.3f} |")


if __name__ == "__main__":
    main()
