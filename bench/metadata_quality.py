"""How often kind, document date, sender and recipient come out right.

    python bench/metadata_quality.py            # prints the table for bench/README.md

Sets, each with its truth from outside the text the archive reads:
- corpus:      the shipped corpus, truth in tests/data/corpus_truth.csv (written with the corpus);
- federalist:  the 85 Federalist papers, public letters; date from the source's index.csv;
- grimmer:     1,588 US Senate press releases. Lugar's carry no date in their text: truth is the
               date in the file name. Obama's print their own date in a fixed header
               ("... Monday  April  9  2007  FOR IMMEDIATE RELEASE"), which differs from the file
               name's date in half of them (by up to weeks: the file name is a posting date):
               truth is that printed header date, read with a pattern for this collection's header
               alone, else the file name. "Within a day" is reported beside exact matches;
- enron:       the first 400 e-mails (sorted paths) of the Kaminski mailbox; kind letter, Date header;
- congress:    300 House press releases (every 10th line of the happycongress files); kind only,
               since their text carries no date of its own.
Dates are compared as ISO text with their precision; names case-folded, without titles, and a
document's initial counts for the given name it stands for (see same_person).
"""
from __future__ import annotations

import csv
import datetime as dt
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive import extract_bytes, extract_file  # noqa: E402
from archive.dates import parse_user_date  # noqa: E402
from archive.document import ATTACHMENT_MARK  # noqa: E402
from archive.names import bare_person  # noqa: E402

REALDATA = ROOT.parent / "shared" / "realdata"
CORPUS = ROOT / "corpus"
MONTHS = {m: i for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                       "Oct", "Nov", "Dec"], start=1)}


@dataclass
class Case:
    label: str
    path: str
    kind: str | None = None
    date: str | None = None
    sender: str | None = None
    recipient: str | None = None
    data: bytes | None = None  # when the document is a record inside a bigger file


@dataclass
class Score:
    cases: int = 0
    checked: dict[str, int] = field(default_factory=dict)
    right: dict[str, int] = field(default_factory=dict)
    near: int = 0
    wrong: list[str] = field(default_factory=list)
    megabytes: float = 0.0
    seconds: float = 0.0

    def add(self, what: str, ok: bool, detail: str) -> None:
        self.checked[what] = self.checked.get(what, 0) + 1
        self.right[what] = self.right.get(what, 0) + ok
        if not ok:
            self.wrong.append(detail)

    def share(self, what: str) -> float | None:
        return self.right[what] / self.checked[what] if self.checked.get(what) else None


def _person(name: str | None) -> str:
    return " ".join(bare_person(name).casefold().split()) if name else ""


def same_person(found: str | None, expected: str | None) -> bool:
    """Equal once titles, case and spacing are set aside; or the document's own initial for the
    given name ("D. Ashworth" for David Ashworth, when the letter names him no other way)."""
    found, expected = _person(found), _person(expected)
    if found == expected:
        return True
    found_words, expected_words = found.split(), expected.split()
    return (len(found_words) == len(expected_words) == 2 and found_words[1] == expected_words[1]
            and len(found_words[0].rstrip(".")) == 1 and expected_words[0].startswith(found_words[0][0]))


def corpus_cases() -> list[Case]:
    """The corpus with its truth; its scan (an image) only where OCR can read it."""
    from archive.readers._ocr import ocr_missing

    with open(ROOT / "tests" / "data" / "corpus_truth.csv", encoding="utf-8") as handle:
        return [Case("corpus", str(CORPUS / row["path"]), row["kind"], row["date"] or None,
                     row["sender"] or None, row["recipient"] or None)
                for row in csv.DictReader(handle) if row["format"] != "image" or ocr_missing() is None]


def federalist_cases() -> list[Case]:
    folder = REALDATA / "letters" / "federalist"
    with open(folder / "index.csv", encoding="utf-8") as handle:
        return [Case("federalist", str(folder / row["file"]), "letter",
                     parse_user_date(row["date"]).iso() if row["date"] else None)
                for row in csv.DictReader(handle)]


_OBAMA_HEADER = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+"
                           r"(?P<month>[A-Z][a-z]+)\s+(?P<day>\d{1,2})\s+(?P<year>\d{4})\s+FOR IMMEDIATE RELEASE")


def _grimmer_truth(path: Path) -> str:
    header = _OBAMA_HEADER.search(path.read_bytes().decode("utf-8", errors="replace")[:1500])
    if header:
        return dt.date(int(header["year"]), MONTHS[header["month"][:3]], int(header["day"])).isoformat()
    day = int("".join(ch for ch in path.stem[:2] if ch.isdigit()))
    rest = path.stem[len(str(day)):]
    return dt.date(int(rest[3:7]), MONTHS[rest[:3]], day).isoformat()


def grimmer_cases() -> list[Case]:
    return [Case("grimmer", str(path), "committee_release", _grimmer_truth(path))
            for path in sorted((REALDATA / "releases" / "grimmer-senate" / "raw").rglob("*.txt"))]


def enron_cases(limit: int = 400) -> list[Case]:
    folder = REALDATA / "letters" / "enron-kaminski-v"
    paths = sorted(p for p in folder.rglob("*") if p.is_file())[:limit]
    cases = []
    for path in paths:
        from email.parser import BytesParser
        from email.utils import parsedate_to_datetime

        header = BytesParser().parsebytes(path.read_bytes(), headersonly=True)["Date"]
        cases.append(Case("enron", str(path), "letter", parsedate_to_datetime(header).date().isoformat()))
    return cases


def congress_cases(every: int = 10) -> list[Case]:
    cases = []
    for path in sorted((REALDATA / "releases" / "happycongress").rglob("*Press.txt")):
        lines = path.read_bytes().decode("utf-8-sig").splitlines()
        for number, line in enumerate(lines[::every]):
            text = line.split("\t", 1)[-1]
            cases.append(Case("congress", f"{path.name}:{number * every}.txt", "committee_release",
                              data=text.encode("utf-8")))
    return cases[:300]


def _document(case: Case):
    if case.data is not None:
        return extract_bytes(case.data, case.path)[0]
    container = case.path.split(ATTACHMENT_MARK)[0]
    return next(d for d in extract_file(container) if d.path == case.path)


def score(cases: list[Case]) -> Score:
    result = Score()
    for case in cases:
        started = time.perf_counter()
        document = _document(case)
        result.seconds += time.perf_counter() - started
        result.megabytes += len(document.text.encode("utf-8")) / 1e6
        result.cases += 1
        name = Path(case.path).name
        if case.kind:
            result.add("kind", document.kind == case.kind, f"{name}: kind {document.kind} != {case.kind}")
        if case.label != "congress":
            got = document.date.iso() if document.date else None
            result.add("date", got == case.date, f"{name}: date {got} != {case.date}")
            if got and case.date and got != case.date and len(got) == len(case.date) == 10:
                result.near += abs((dt.date.fromisoformat(got) - dt.date.fromisoformat(case.date)).days) <= 1
        for party in ("sender", "recipient"):
            expected = getattr(case, party)
            if expected:
                got = getattr(document, party)
                result.add(party, same_person(got, expected), f"{name}: {party} {got!r} != {expected!r}")
    return result


def evaluate(with_realdata: bool = True) -> dict[str, Score]:
    sets = {"corpus": corpus_cases}
    if with_realdata and REALDATA.is_dir():
        sets |= {"federalist": federalist_cases, "grimmer": grimmer_cases, "enron": enron_cases,
                 "congress": congress_cases}
    return {label: score(make()) for label, make in sets.items()}


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main() -> None:
    scores = evaluate()
    print("| set | documents | kind | date | date within a day | sender | recipient | MB/s |")
    print("|---|---|---|---|---|---|---|---|")
    for label, result in scores.items():
        near = None
        if result.checked.get("date"):
            near = (result.right["date"] + result.near) / result.checked["date"]
        speed = result.megabytes / result.seconds if result.seconds else 0.0
        print(f"| {label} | {result.cases} | {_cell(result.share('kind'))} | {_cell(result.share('date'))} "
              f"| {_cell(near)} | {_cell(result.share('sender'))} | {_cell(result.share('recipient'))} "
              f"| {speed:.2f} |")
    if "-v" in sys.argv:
        for label, result in scores.items():
            for line in result.wrong[:40]:
                print(f"{label}: {line}")


if __name__ == "__main__":
    main()
