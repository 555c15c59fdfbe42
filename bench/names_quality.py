"""Person and organisation extraction (archive.names.find_names) measured on CoNLL-2003 English.

Usage::

    python bench/names_quality.py [--split testa|testb] [--errors N] [--long]

Data: ``../shared/realdata/ner/conll2003/eng.testa`` (development: rules are tuned on it) and
``eng.testb`` (the reported figure: never tuned on). Both are Reuters news from 1996 in the
CoNLL 4-column format (token, POS, chunk, NER tag in IOB1).

Protocol
--------
Documents
    One document per ``-DOCSTART-`` block. Tokens of a sentence are joined with single spaces,
    sentences are separated by newlines. Detokenisation is deliberately simple: no space before
    ``, . ; : ! ? ) ] %`` and before the tokens ``'s`` and ``n't``, and no space after ``(`` and ``[``.
    Nothing else changes (quotes stay spaced; " - " in headlines stays).
Truth
    Per document, the set of distinct PER and ORG entity strings. An entity is a run of tokens
    tagged I-X (IOB1); a B-X tag or a different tag ends it. The entity's tokens are joined with
    the same detokenisation as the text. LOC and MISC are not targets.
Normalisation
    Case-folded, whitespace collapsed to single spaces, outer spaces stripped (both sides).
Found
    The set of distinct ``people + organisations`` from ``find_names(document text)``, normalised.
Untyped scores (PER and ORG together)
    A found name is correct when it equals a truth string (precision counts these). A truth string
    is recalled when it equals a found name, **or** when it is a short form of a found name: the
    found name has more tokens and ends with the truth's tokens ("Clinton" is recalled by a found
    "Bill Clinton"). The archive folds short forms into the full name on purpose, CoNLL labels both,
    so the evaluation, not the extractor, accounts for it. Precision = correct found / found,
    recall = recalled truth / truth, both micro-averaged (counts summed over all documents);
    F1 is their harmonic mean.
Typed scores
    The same, with found people against PER truth only, found organisations against ORG truth only.
Touched share
    The share of truth strings (PER+ORG, distinct per document, summed over documents) that some
    found name (people or organisations, any type) *touches*. Both are split into tokens (on
    whitespace, lower-cased, with leading/trailing punctuation and a final 's removed); a found
    name touches a truth string when either token sequence contains the other as a contiguous
    sub-sequence, or when they share a token that is not in ``TOUCH_STOPWORDS`` and is longer than
    one character.
Speed
    Total UTF-8 bytes of the rebuilt documents divided by the wall time of the ``find_names``
    calls alone, in MB (10^6 bytes) per second. ``--long`` also times one ~5 MB text made of the
    documents joined together (checks for super-linear behaviour on long texts).
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from archive.names import find_names  # noqa: E402

CONLL_DIR = ROOT.parent / "shared" / "realdata" / "ner" / "conll2003"
TARGETS = ("PER", "ORG")
TOUCH_STOPWORDS = {
    "the", "of", "and", "for", "a", "an", "in", "on", "at", "to", "de", "la", "le", "du", "des", "del",
    "van", "von", "der", "den", "da", "di", "al", "el", "&", "-", "st", "st.", "co", "inc", "ltd", "fc",
}
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "'S", "n't"}
_NO_SPACE_AFTER = {"(", "["}


@dataclass
class Article:
    text: str
    truth: dict[str, set[str]] = field(default_factory=dict)  # type -> normalised strings


def detokenise(tokens: list[str]) -> str:
    out: list[str] = []
    for token in tokens:
        if out and token not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER:
            out.append(" ")
        out.append(token)
    return "".join(out)


def normalise(name: str) -> str:
    return " ".join(name.casefold().split())


def read_conll(path: Path) -> list[Article]:
    """Articles rebuilt from a CoNLL-2003 file, with their PER and ORG truth sets."""
    articles: list[Article] = []
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []

    def close_article() -> None:
        if sentence:
            sentences.append(list(sentence))
            sentence.clear()
        if not sentences:
            return
        article = Article("\n".join(detokenise([t for t, _ in s]) for s in sentences),
                          {kind: set() for kind in TARGETS})
        for sent in sentences:
            for kind, tokens in _entities(sent):
                if kind in TARGETS:
                    article.truth[kind].add(normalise(detokenise(tokens)))
        articles.append(article)
        sentences.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sentence:
                sentences.append(list(sentence))
                sentence.clear()
            continue
        if parts[0] == "-DOCSTART-":
            close_article()
            continue
        sentence.append((parts[0], parts[-1]))
    close_article()
    return articles


def _entities(sentence: list[tuple[str, str]]):
    """(type, tokens) for each IOB1 entity in a sentence."""
    kind, tokens = None, []
    for token, tag in sentence:
        if tag == "O":
            if kind:
                yield kind, tokens
            kind, tokens = None, []
            continue
        prefix, _, tag_kind = tag.partition("-")
        if kind and (prefix == "B" or tag_kind != kind):
            yield kind, tokens
            kind, tokens = None, []
        if kind is None:
            kind, tokens = tag_kind, []
        tokens.append(token)
    if kind:
        yield kind, tokens


def _touch_tokens(name: str) -> tuple[str, ...]:
    words = []
    for word in name.split():
        word = re.sub(r"['’]s$", "", word.strip(".,;:!?\"'()[]"))
        if word:
            words.append(word)
    return tuple(words)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return n > 0 and any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def touches(found: str, truth: str) -> bool:
    f, t = _touch_tokens(found), _touch_tokens(truth)
    if _contains(f, t) or _contains(t, f):
        return True
    return any(len(w) > 1 and w not in TOUCH_STOPWORDS for w in set(f) & set(t))


def recalled(truth: str, found: set[str]) -> bool:
    """Equal to a found name, or a short form it ends with ("clinton" by "bill clinton")."""
    return truth in found or any(name.endswith(" " + truth) for name in found)


@dataclass
class Counts:
    found: int = 0
    correct: int = 0
    truth: int = 0
    recalled: int = 0

    def add(self, found: set[str], truth: set[str]) -> None:
        self.found += len(found)
        self.correct += len(found & truth)
        self.truth += len(truth)
        self.recalled += sum(recalled(t, found) for t in truth)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.truth if self.truth else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    split: str
    documents: int
    megabytes: float
    seconds: float
    untyped: Counts
    person: Counts
    organisation: Counts
    touched: int
    truth_total: int
    errors: list[tuple[int, str, list[str], list[str]]] = field(default_factory=list)

    @property
    def touched_share(self) -> float:
        return self.touched / self.truth_total if self.truth_total else 0.0

    @property
    def mb_per_second(self) -> float:
        return self.megabytes / self.seconds if self.seconds else float("inf")


def evaluate(split: str = "testb", conll_dir: Path = CONLL_DIR, find=find_names) -> Result:
    articles = read_conll(conll_dir / f"eng.{split}")
    untyped, person, organisation = Counts(), Counts(), Counts()
    touched = truth_total = 0
    seconds = 0.0
    errors = []
    for number, article in enumerate(articles):
        start = time.perf_counter()
        names = find(article.text)
        seconds += time.perf_counter() - start
        people = {normalise(n) for n in names.people}
        organisations = {normalise(n) for n in names.organisations}
        found = people | organisations
        truth = article.truth["PER"] | article.truth["ORG"]
        untyped.add(found, truth)
        person.add(people, article.truth["PER"])
        organisation.add(organisations, article.truth["ORG"])
        touched += sum(any(touches(f, t) for f in found) for t in truth)
        truth_total += len(truth)
        missed = sorted(t for t in truth if not recalled(t, found))
        wrong = sorted(found - truth)
        if missed or wrong:
            errors.append((number, article.text, missed, wrong))
    megabytes = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    return Result(split, len(articles), megabytes, seconds, untyped, person, organisation,
                  touched, truth_total, errors)


def time_long_text(split: str = "testb", target_mb: float = 5.0, conll_dir: Path = CONLL_DIR) -> tuple[float, float]:
    """(megabytes, seconds) for find_names on one text of about target_mb made of the articles."""
    text = "\n\n".join(a.text for a in read_conll(conll_dir / f"eng.{split}"))
    text = "\n\n".join([text] * max(1, round(target_mb * 1e6 / len(text.encode("utf-8")))))
    start = time.perf_counter()
    find_names(text)
    return len(text.encode("utf-8")) / 1e6, time.perf_counter() - start


def table(result: Result) -> str:
    rows = [("untyped (PER+ORG)", result.untyped), ("person (PER)", result.person),
            ("organisation (ORG)", result.organisation)]
    lines = [f"CoNLL-2003 eng.{result.split}: {result.documents} documents, {result.megabytes:.2f} MB",
             f"{'':20} {'P':>6} {'R':>6} {'F1':>6} {'found':>6} {'truth':>6}"]
    for label, c in rows:
        lines.append(f"{label:20} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.found:6d} {c.truth:6d}")
    lines.append(f"{'touched share':20} {result.touched_share:6.3f}  ({result.touched}/{result.truth_total})")
    lines.append(f"{'speed':20} {result.mb_per_second:6.2f} MB/s ({result.seconds:.2f} s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["testa", "testb"], default="testb")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also print missed and wrong names of the first N documents with errors")
    parser.add_argument("--long", action="store_true", help="also time one ~5 MB text")
    args = parser.parse_args(argv)
    if not CONLL_DIR.is_dir():
        print(f"CoNLL-2003 data not found at {CONLL_DIR}", file=sys.stderr)
        return 2
    result = evaluate(args.split)
    print(table(result))
    if args.long:
        megabytes, seconds = time_long_text(args.split)
        print(f"{'long text':20} {megabytes / seconds:6.2f} MB/s ({megabytes:.1f} MB in {seconds:.2f} s)")
    for number, text, missed, wrong in result.errors[:args.errors]:
        print(f"\n=== document {number}\n{text[:3000]}\n--- missed: {missed}\n--- wrong: {wrong}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
