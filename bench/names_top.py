"""The names found most often in each whole real set, and which of them are not names.

    python bench/names_top.py [--set SET] [--top 100] [--unjudged]

For each set (every document of it, as the archive reads it), the names find_names gives, counted
by the documents that hold them, people and organisations apart. Each of the top names is looked
up in tests/data/names/top_judged.tsv, where a person judged it by reading the documents:
`person`, `organisation` or `not` (not a person or organisation: a place, a code, a heading...).
Prints the top names with their judgement, and per set how many are not names and how many are a
name of the other type; --unjudged prints only those not judged yet (to judge and add them).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive import extract_bytes  # noqa: E402

REALDATA = ROOT.parent / "shared" / "realdata"
JUDGED = ROOT / "tests" / "data" / "names" / "top_judged.tsv"
TYPES = ("person", "organisation")


def _files(folder: Path, pattern: str = "*") -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(folder.rglob(pattern)) if p.is_file()]


def _house() -> list[tuple[str, bytes]]:
    records = []
    for path in sorted((REALDATA / "releases" / "happycongress").rglob("*Press.txt")):
        for line in path.read_bytes().decode("utf-8-sig").splitlines():
            records.append(("house.txt", line.split("\t", 1)[-1].encode("utf-8")))
    return records


SETS = {
    "bbc-politics": lambda: _files(REALDATA / "articles" / "bbc" / "politics", "*.txt"),
    "senate": lambda: _files(REALDATA / "releases" / "grimmer-senate" / "raw", "*.txt"),
    "house": _house,
    "enron": lambda: _files(REALDATA / "letters" / "enron-kaminski-v"),
    "letters": lambda: _files(REALDATA / "letters" / "federalist" / "papers", "*.txt"),
}


def top_names(set_name: str, top: int = 100) -> list[tuple[str, str, int]]:
    """(name, type found, documents) for the ``top`` names of the set, most frequent first."""
    counts: Counter = Counter()
    for name, data in SETS[set_name]():
        try:
            document = extract_bytes(data, name)[0]
        except Exception:  # a file the archive refuses holds no names
            continue
        counts.update({(person, "person") for person in document.people})
        counts.update({(org, "organisation") for org in document.organisations})
    # Ties in alphabetical order: the sets above are unordered, so most_common alone would break
    # ties by hash order, and the top 100 would change from run to run.
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(name, kind, count) for (name, kind), count in ranked[:top]]


def judgements() -> dict[tuple[str, str], str]:
    """(set, name) -> person, organisation or not."""
    judged = {}
    for line in JUDGED.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            set_name, name, verdict = line.split("\t")
            judged[(set_name, name)] = verdict
    return judged


def tally(set_name: str, names: list[tuple[str, str, int]], judged: dict) -> dict[str, list[str]]:
    """The top names that are not names, of the other type, and not judged yet."""
    found: dict[str, list[str]] = {"not": [], "other type": [], "unjudged": []}
    for name, kind, _ in names:
        verdict = judged.get((set_name, name))
        if verdict is None:
            found["unjudged"].append(f"{name} ({kind})")
        elif verdict == "not":
            found["not"].append(name)
        elif verdict != kind:
            found["other type"].append(f"{name} (found as {kind}, is {verdict})")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=list(SETS), action="append")
    parser.add_argument("--top", type=int, default=100)
    parser.add_argument("--unjudged", action="store_true")
    args = parser.parse_args()
    judged = judgements() if JUDGED.is_file() else {}
    for set_name in args.set or list(SETS):
        names = top_names(set_name, args.top)
        result = tally(set_name, names, judged)
        if args.unjudged:
            for name, kind, count in names:
                if (set_name, name) not in judged:
                    print(f"{set_name}\t{name}\t{kind}\t{count}")
            continue
        print(f"## {set_name}: {len(result['not'])} not names, {len(result['other type'])} of the other type, "
              f"{len(result['unjudged'])} unjudged")
        for label, items in result.items():
            if items:
                print(f"  {label}: {'; '.join(items)}")


if __name__ == "__main__":
    main()
