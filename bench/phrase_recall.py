"""Does a quoted phrase find exactly the documents that hold it? Real BBC articles, 24 phrases.

    python bench/phrase_recall.py [--index DIR]

Indexes the 2,225 BBC articles in ../shared/realdata/articles/bbc (or searches an index already
made of them, --index), then for each phrase compares the files the archive's phrase search
finds with the files whose words hold the phrase, words being runs of letters and digits,
lower-cased, accents folded, a trailing 's dropped ("the Bank of England's" holds "bank of
england"). Prints, per phrase, the files holding it, those found, missed and found wrongly.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import ArchiveIndex, SearchRequest, index_paths  # noqa: E402
from indexer._schema import FOLDED  # noqa: E402

REALDATA = ROOT.parent / "shared" / "realdata"
BBC = REALDATA / "articles" / "bbc"
PHRASES = [
    "bank of england", "the bank of england", "prime minister tony blair", "tony blair",
    "gordon brown", "chancellor gordon brown", "michael howard", "charles kennedy",
    "the government", "the conservatives", "lib dems", "general election", "house of commons",
    "downing street", "labour party", "interest rates", "chief executive", "the bbc",
    "the world cup", "mobile phone", "the company", "the prime minister", "mr blair", "the uk",
]
_POSSESSIVE = re.compile(r"(?<=[^\W_])['’]s\b")
_WORD = re.compile(r"[^\W_]+")


def words_of(text: str) -> list[str]:
    """Runs of letters and digits, lower-cased and accents folded, a trailing 's dropped."""
    return _WORD.findall(_POSSESSIVE.sub("", text).lower().translate(FOLDED))


def holds(words: list[str], phrase: list[str]) -> bool:
    width = len(phrase)
    first = phrase[0]
    return any(words[start:start + width] == phrase
               for start, word in enumerate(words) if word == first)


def files_holding(texts: dict[str, str], phrase: str) -> set[str]:
    wanted = phrase.split()
    return {path for path, text in texts.items() if holds(words_of(text), wanted)}


def bbc_texts() -> dict[str, str]:
    """Each BBC file's text, by its real path (as the index keeps it); Latin-1 where not UTF-8."""
    texts = {}
    for path in sorted(p for p in BBC.rglob("*") if p.suffix.lower() == ".txt"):  # README.TXT too
        data = path.read_bytes()
        try:
            texts[str(path.resolve())] = data.decode("utf-8")
        except UnicodeDecodeError:
            texts[str(path.resolve())] = data.decode("latin-1")
    return texts


def found_files(index: ArchiveIndex, phrase: str) -> set[str]:
    results = index.search(SearchRequest(query=f'"{phrase}"', limit=10_000))
    return {path for hit in results.hits for path in hit.paths}


def compare(index_dir: Path, texts: dict[str, str]) -> list[tuple[str, set[str], set[str]]]:
    """(phrase, files holding it, files found) for every phrase."""
    index = ArchiveIndex.open(index_dir)
    return [(phrase, files_holding(texts, phrase), found_files(index, phrase)) for phrase in PHRASES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="an index of the BBC articles already made")
    args = parser.parse_args()
    if not BBC.is_dir():
        sys.exit(f"the BBC articles are not at {BBC}")
    index_dir = args.index
    if index_dir is None:
        index_dir = Path(tempfile.mkdtemp()) / "index"
        index_paths([str(BBC)], index_dir)
    print("| phrase | files holding it | found | missed | found wrongly |")
    print("|---|---|---|---|---|")
    for phrase, holding, found in compare(index_dir, bbc_texts()):
        print(f"| {phrase} | {len(holding)} | {len(holding & found)} | {len(holding - found)} | {len(found - holding)} |")


if __name__ == "__main__":
    main()
