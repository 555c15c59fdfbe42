"""Whoosh's segment writer with less Python per word: the same segment, written faster.

Profiled on generated documents, Whoosh's own SegmentWriter spent about 60% of a reader
process's time on bookkeeping around each posting: a token object through a tokenizer and two
filters for every word, a tuple per posting sized and appended to a pool that pickles sorted runs
to disk and merges them back posting by posting, and a column look-up per posting for its
document's field length. Here the words of the archive's text fields are found with one regular
expression over the text (tests/test_writer.py checks they are exactly the analyzer's), postings
are kept grouped by term (only the terms are sorted, and a full pool spills whole terms), field
lengths are read once per document, and each term's postings blocks and terms-table entry are
encoded in one go from its lists (indexer/engines/whoosh/term_blocks.py). The segment files hold what Whoosh's
writer would write (the postings' data pickled in a newer protocol, which its reader reads as it
reads its own: see indexer/engines/whoosh/term_blocks.py); a merge differs in one figure only, kept exact on
purpose (see add_reader).
"""
from __future__ import annotations

import marshal
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from heapq import merge
from itertools import groupby, pairwise
from operator import itemgetter
from pickle import dumps

from whoosh.codec.whoosh3 import W3TermsReader
from whoosh.fields import UnknownFieldError
from whoosh.formats import Positions
from whoosh.system import pack_uint
from whoosh.util import random_name
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

from indexer.engines.whoosh.ranking import term_postings
from indexer._schema import (FAST_FIELD_WORDS, PAIRS_FIELD, analyzed_words, common_pairs, indexes_possessives,
                             paired_words, with_possessives_as_words)
from indexer.engines.whoosh.term_blocks import TermBlocksWriter

def positions_values(placed: Iterable[tuple[int, str]]) -> Iterator[tuple[bytes, int, float, bytes]]:
    """What Whoosh's Positions format makes of a field's (position, word) pairs, in order: per
    distinct word its bytes, frequency, weight and encoded positions (deltas, pickled, after
    their count)."""
    positions = defaultdict(list)
    for position, word in placed:
        positions[word].append(position)
    for word, found in positions.items():
        if len(found) == 1:  # most words: no deltas to work out
            yield word.encode("utf-8"), 1, 1.0, _ONE_POSITION + dumps(found, 2)
            continue
        deltas = [found[0]] + [after - before for before, after in pairwise(found)]
        yield word.encode("utf-8"), len(found), float(len(found)), pack_uint(len(deltas)) + dumps(deltas, 2)


_ONE_POSITION = pack_uint(1)


class GroupedPostings:
    """Postings grouped by (field, term), each term's documents in the order they were added.

    Whoosh's pool keeps one tuple per posting and sorts them all; here each term keeps a flat
    list (document number, weight, value, ...) and only terms are sorted. When the estimated size
    passes ``limit_bytes``, the terms so far go to a sorted run on disk (marshal: whole terms,
    not postings), and the runs are merged term by term at the end.
    """

    # Bytes held per posting: three list slots and the list's spare room, and its value (a bytes
    # object: its length plus CPython's header); per term. Measured with tracemalloc on 2,000
    # generated documents (body and pairs): 60 MB held, 62 MB estimated (the value's header left
    # out, the estimate was 35 MB, and a reader held twice its limit).
    POSTING_BYTES = 27
    VALUE_HEADER_BYTES = 33
    TERM_BYTES = 250

    def __init__(self, tempstorage, limit_bytes: int) -> None:
        self.tempstorage = tempstorage
        self.limit_bytes = limit_bytes
        self.terms: dict[tuple[str, bytes], list] = {}
        self.size = 0
        self.runs: list[str] = []

    def add(self, item: tuple) -> None:
        """One posting, (field, term, docnum, weight, value): Whoosh's pool interface (merges)."""
        fieldname, term, docnum, weight, value = item
        self.add_terms(fieldname, docnum, [(term, 0, weight, value)])

    def add_terms(self, fieldname: str, docnum: int, items) -> int:
        """A document's postings in one field, (term, frequency, weight, value) each; returns
        the sum of their frequencies (the field's length in the document)."""
        terms, length, size = self.terms, 0, 0
        for term, frequency, weight, value in items:
            key = (fieldname, term)
            postings = terms.get(key)
            if postings is None:
                postings = terms[key] = []
                size += self.TERM_BYTES
            postings += (docnum, weight, value)
            length += frequency
            size += self.POSTING_BYTES + (len(value) + self.VALUE_HEADER_BYTES if value else 0)
        self.size += size
        if self.size > self.limit_bytes:
            self.spill()
        return length

    def add_postings(self, fieldname: str, term: bytes, postings: list) -> None:
        """Postings of one term, flat (document number, weight, value, ...), after any it has."""
        key = (fieldname, term)
        held = self.terms.get(key)
        if held is None:
            held = self.terms[key] = []
            self.size += self.TERM_BYTES
        held += postings
        self.size += len(postings) // 3 * self.POSTING_BYTES + sum(len(value) + self.VALUE_HEADER_BYTES
                                                                   for value in postings[2::3] if value)
        if self.size > self.limit_bytes:
            self.spill()

    def spill(self) -> None:
        """Write the terms held so far to a sorted run on disk and start afresh."""
        name = f"{random_name()}.terms"
        run = self.tempstorage.create_file(name)
        try:
            for key in sorted(self.terms):
                run.write(marshal.dumps((key, self.terms[key])))
        finally:
            run.close()
        self.runs.append(name)
        self.terms, self.size = {}, 0

    def sorted_terms(self) -> Iterator[tuple[tuple[str, bytes], list]]:
        """Every term in order with all its postings (runs first: they hold the earlier documents)."""
        in_memory = ((key, self.terms[key]) for key in sorted(self.terms))
        if not self.runs:
            yield from in_memory
            return
        sources = [self._read_run(name) for name in self.runs] + [in_memory]
        for key, parts in groupby(merge(*sources, key=itemgetter(0)), key=itemgetter(0)):
            yield key, [entry for _, postings in parts for entry in postings]

    def _read_run(self, name: str) -> Iterator[tuple]:
        run = self.tempstorage.open_file(name)
        try:
            handle = run.raw_file()
            while True:
                try:
                    yield marshal.load(handle)
                except EOFError:
                    break
        finally:
            run.close()

    def cleanup(self) -> None:
        for name in self.runs:
            if self.tempstorage.file_exists(name):
                self.tempstorage.delete_file(name)
        self.runs, self.terms, self.size = [], {}, 0


def _triples(flat: list) -> Iterator[tuple]:
    items = iter(flat)
    return zip(items, items, items)


class FastSegmentWriter(SegmentWriter):
    """A SegmentWriter for the archive's schema (no vectors, no spelling fields, no boosts)."""

    def __init__(self, ix, limitmb: int = 128, **kwargs) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = GroupedPostings(self._tempstorage, limitmb * 1024 * 1024)
        self._words_of = {name: _words_finder(self.schema, name) for name in self.schema.names()}

    def add_document(self, **fields) -> None:
        self._check_state()
        docnum, perdoc, schema, pool = self.docnum, self.perdocwriter, self.schema, self.pool
        names = sorted(name for name in fields if not name.startswith("_"))
        for name in names:
            if name not in schema:
                raise UnknownFieldError(f"No field named {name!r} in {schema}")
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    length = pool.add_terms(name, docnum, self._words_of[name](value))
                    if not field.scorable:
                        length = 0
                perdoc.add_field(name, field, value if field.stored else None, length)
                if field.column_type:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        except ValueError:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def add_reader(self, reader) -> None:
        """A segment merged in. Whoosh adds up its documents' field lengths again from the one-byte
        approximations it keeps per document, so every merge changed the totals that ranking
        divides by (a few percent); without deleted documents the segment's exact totals carry over."""
        totals = self.perdocwriter._fieldlengths
        before = dict(totals)
        super().add_reader(reader)
        if reader.has_deletions():
            return  # the deleted documents' share of the exact totals is not known
        for fieldname in list(totals):
            totals[fieldname] = before.get(fieldname, 0) + reader.field_length(fieldname)

    def add_postings_to_pool(self, reader, startdoc: int, docmap: dict | None) -> None:
        """A segment's postings (a merge), read a block at a time: Whoosh reads them one posting
        at a time through a matcher's methods, which made a merge cost ~4 ms per document."""
        terms = getattr(reader, "_terms", None)
        if not isinstance(terms, W3TermsReader):
            super().add_postings_to_pool(reader, startdoc, docmap)
            return
        deleted = reader.deleted_docs_set
        for (fieldname, term), terminfo in terms.items():
            if fieldname not in self.schema:
                continue
            matcher = terms._codec.postings_reader(terms._postfile, terminfo, self.schema[fieldname].format)
            postings = []
            for docnum, weight, value in zip(*term_postings(matcher, with_values=True)):
                if docnum not in deleted:
                    postings += (docmap[docnum] if docmap is not None else startdoc + docnum, weight, value)
            if postings:
                self.pool.add_postings(fieldname, term, postings)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        try:
            self._write_postings(lengths)
        finally:
            lengths.close()
        self.fieldwriter.close()

    def _write_postings(self, lengths) -> None:
        terms, current_field = TermBlocksWriter(self.fieldwriter), None
        for (name, term), postings in self.pool.sorted_terms():
            if name != current_field:
                if current_field is not None:
                    terms.finish_field()
                terms.start_field(name, self.schema[name], _length_bytes_of(lengths, name, self.docnum))
                current_field = name
            terms.add_term(term, postings)
        if current_field is not None:
            terms.finish_field()
        terms.flush()


def _words_finder(schema, name: str) -> Callable[[object], Iterator[tuple[bytes, int, float, bytes]]]:
    field = schema[name]
    if type(field.format) is not Positions or field.format.field_boost != 1.0:
        return field.index
    if name == PAIRS_FIELD:
        common = paired_words(schema)
        if common is not None:
            return lambda text: positions_values(common_pairs(_body_words(text), common))
    pattern = FAST_FIELD_WORDS.get(name)
    if pattern is None:
        return field.index
    words = _body_words if name == "body" else (lambda text: analyzed_words(pattern, text))
    if indexes_possessives(field):
        return lambda text: positions_values(with_possessives_as_words(enumerate(words(text))))
    return lambda text: positions_values(enumerate(words(text)))


@lru_cache(maxsize=1)
def _body_words(text: str) -> list[str]:
    """A body's words, kept for its pairs (the same text, analysed once)."""
    return analyzed_words(FAST_FIELD_WORDS["body"], text)


def _length_bytes_of(lengths, fieldname: str, doc_count: int) -> list[int]:
    """Every document's length in the field as the one-byte code Whoosh's writer stores and
    reads back (0 for none)."""
    length_of = lengths.doc_field_length_reader(fieldname)
    return [length_to_byte(length_of(docnum)) for docnum in range(doc_count)]
