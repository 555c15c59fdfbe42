"""Kinds on real documents under neutral names: no folder to hint at the kind.

    python bench/kinds_quality.py [-v]

Every document is read from its bytes under a neutral name (doc/NNNNN.txt, or .eml for e-mails
kept as they are), so only its text decides. Sets and truth (from outside the text):
- bbc:       the 2,225 BBC articles (all five categories; politics also alone), article;
- senate:    the 1,588 Senate press releases (Obama, Lugar), committee_release (the archive's
             kind for a release, a member's office or a committee's);
- house:     the 2,035 House press releases (one per line of the happycongress files), committee_release;
- enron:     the first 400 Kaminski e-mails, letter;  federalist: the 85 papers, letter.
Each set is split: every fifth document (the 5th, 10th, ... in sorted order) is held out, never
looked at while tuning the rules; the rest is the tuning part. Both are scored; -v lists the
tuning part's mistakes only.
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive import extract_bytes  # noqa: E402

REALDATA = ROOT.parent / "shared" / "realdata"
HELD_OUT_EVERY = 5


@dataclass
class KindScore:
    right: Counter = field(default_factory=Counter)   # part -> documents right
    total: Counter = field(default_factory=Counter)   # part -> documents
    wrong: list[str] = field(default_factory=list)

    def share(self, part: str | None = None) -> float:
        if part is None:
            return sum(self.right.values()) / max(sum(self.total.values()), 1)
        return self.right[part] / max(self.total[part], 1)


def part_of(number: int) -> str:
    return "held out" if number % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 else "tuning"


def bbc(category: str | None = None) -> list[tuple[str, bytes]]:
    folder = REALDATA / "articles" / "bbc"
    paths = sorted(folder.glob(f"{category or '*'}/*.txt"))
    return [(str(p.relative_to(folder)), p.read_bytes()) for p in paths]


def senate() -> list[tuple[str, bytes]]:
    folder = REALDATA / "releases" / "grimmer-senate" / "raw"
    return [(p.name, p.read_bytes()) for p in sorted(folder.rglob("*.txt"))]


def house() -> list[tuple[str, bytes]]:
    records = []
    for path in sorted((REALDATA / "releases" / "happycongress").rglob("*Press.txt")):
        for number, line in enumerate(path.read_bytes().decode("utf-8-sig").splitlines()):
            if line.strip():
                records.append((f"{path.name}:{number}", line.split("\t", 1)[-1].encode("utf-8")))
    return records


def enron(limit: int = 400) -> list[tuple[str, bytes]]:
    folder = REALDATA / "letters" / "enron-kaminski-v"
    paths = sorted(p for p in folder.rglob("*") if p.is_file())[:limit]
    return [(str(p.relative_to(folder)), p.read_bytes()) for p in paths]


def federalist() -> list[tuple[str, bytes]]:
    folder = REALDATA / "letters" / "federalist" / "papers"
    return [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.txt"))]


SETS = {
    "bbc": (lambda: bbc(), "article", ".txt"),
    "bbc politics": (lambda: bbc("politics"), "article", ".txt"),
    "senate": (senate, "committee_release", ".txt"),
    "house": (house, "committee_release", ".txt"),
    "enron": (enron, "letter", ""),
    "federalist": (federalist, "letter", ".txt"),
}


def score_set(records: list[tuple[str, bytes]], kind: str, suffix: str) -> KindScore:
    result = KindScore()
    for number, (label, data) in enumerate(records):
        document = extract_bytes(data, f"doc/{number:05d}{suffix}")[0]
        part = part_of(number)
        result.total[part] += 1
        if document.kind == kind:
            result.right[part] += 1
        elif part == "tuning":  # the held-out part's mistakes are never listed: only counted
            result.wrong.append(f"{label}: {document.kind}")
    return result


def evaluate() -> dict[str, KindScore]:
    return {name: score_set(make(), kind, suffix) for name, (make, kind, suffix) in SETS.items()}


def main() -> None:
    if not REALDATA.is_dir():
        sys.exit(f"the real documents are not at {REALDATA}")
    scores = evaluate()
    print("| set | documents | right, all | tuning part | held-out part |")
    print("|---|---|---|---|---|")
    for name, result in scores.items():
        print(f"| {name} | {sum(result.total.values())} | {result.share():.4f} | {result.share('tuning'):.4f} "
              f"| {result.share('held out'):.4f} |")
    if "-v" in sys.argv:
        for name, result in scores.items():
            for line in result.wrong:
                print(f"{name}: {line}")


if __name__ == "__main__":
    main()
