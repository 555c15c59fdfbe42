"""Terms' postings and term-table entries encoded straight from their lists, as Whoosh 3 encodes them.

Whoosh's W3PostingsWriter takes a term's postings one at a time into per-block state, and at each
block's end adds the block to a W3TermInfo, minifies and pickles it and writes it in three writes;
W3FieldWriter.finish_term then packs the W3TermInfo into the terms table, an entry in three more.
Nearly all of the archive's terms fit in one block (a third hold one posting), so that bookkeeping
cost about as much as the pickling and compressing. Here each term's blocks and its entry are
worked out in one go from the lists the writer holds, and both files get them gathered in large
writes.

What is written is what Whoosh writes (tests/test_writer.py compares every term's statistics and
blocks with its writer's) but for one choice: a block's data is pickled in protocol 5, not 2.
Whoosh's reader unpickles whatever protocol it finds, and gets the same tuple back. In protocol 2
each position list in a block is pickled as a call that turns a latin-1 string back into bytes;
protocol 5 stores the bytes as they are. Measured on the 100,000-document benchmark's most common
word (bench/README.md): its blocks a little over half the size after compression, and read
(decompressed and unpickled) in about a third of the time. Reading a common word's blocks is most
of what a search of it costs.
"""
from __future__ import annotations

import struct
import zlib
from array import array
from operator import sub
from pickle import dumps

from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.filedb import filetables
from whoosh.system import pack_int, pack_ushort

# A term's entry in the terms table: W3TermInfo's statistics, then where its postings are.
_TERM_ENTRY = struct.Struct(W3TermInfo._struct.format + "qi")
# Before each entry in the terms table: the lengths of its key and its value.
_ENTRY_LENGTHS = filetables._lengths
# The pickle protocol of a block's data (see above). A block's small header stays in protocol 2.
BLOCK_DATA_PROTOCOL = 5
# Bytes gathered for a file before they are written to it.
_WRITE_BYTES = 1 << 20


class TermBlocksWriter:
    """Writes terms in order, a field at a time, to a W3FieldWriter's postings file and terms table,
    in place of its start_term() / add() / finish_term()."""

    def __init__(self, fieldwriter) -> None:
        codec = fieldwriter._codec
        if codec._inlinelimit > 1:
            # Whoosh would keep terms this short in the terms table instead: not done here.
            raise ValueError(f"postings inlined below {codec._inlinelimit} postings are not supported")
        self._fieldwriter = fieldwriter
        self._postings = _GatheredWrites(fieldwriter._postfile)
        self._terms_table = _GatheredTermsTable(fieldwriter._tindex)
        self._blocklimit = codec._blocklimit
        self._compression = codec._compression
        self._key_prefix = b""
        self._length_bytes: list[int] = []
        self._minify_values = tuple

    def start_field(self, fieldname: str, field, length_bytes: list[int]) -> None:
        """The terms that follow are the field's; ``length_bytes`` holds each document's length
        in it as the one-byte code Whoosh stores (0 for none)."""
        self._fieldwriter.start_field(fieldname, field)
        self._key_prefix = pack_ushort(self._fieldwriter._fieldid)
        self._length_bytes = length_bytes
        self._minify_values = _values_minifier(field.format.fixed_value_size())

    def finish_field(self) -> None:
        self._fieldwriter.finish_field()

    def add_term(self, term: bytes, postings: list) -> None:
        """A term's postings, flat (document number, weight, value, ...) in document order."""
        postings_file = self._postings
        offset = postings_file.position()
        postings_file.pending += WHOOSH3_HEADER_MAGIC
        if len(postings) == 3:
            statistics = self._write_single_posting(*postings)
        elif len(postings) <= 3 * self._blocklimit:
            statistics = self._write_block(postings[0::3], postings[1::3], postings[2::3], last=True)
        else:
            statistics = self._write_blocks(postings)
        entry = _TERM_ENTRY.pack(0, *statistics, offset, postings_file.position() - offset)
        self._terms_table.add(self._key_prefix + term, entry)
        if len(postings_file.pending) >= _WRITE_BYTES:
            postings_file.flush()

    def flush(self) -> None:
        """Write what is gathered to the postings file and the terms table."""
        self._postings.flush()
        self._terms_table.flush()

    # The statistics of a block or a term, in the order of its entry in the terms table: total
    # weight, document frequency, smallest and largest length codes (0 when none), largest
    # weight, first and last document numbers.

    def _write_single_posting(self, docnum: int, weight: float, value: bytes) -> tuple:
        """A term in one document (a third of them): its one block, no lists to slice or scan."""
        length_byte = self._length_bytes[docnum]
        stored_weight = 1.0 if weight == 1.0 else array("f", (weight,))[0]  # as a 32-bit float
        max_weight = max(0, weight)
        data = ((docnum,), None if stored_weight == 1.0 else stored_weight,
                self._minify_values((value,) if value else ()))
        self._append_block(data, (1, docnum, max_weight), length_byte, length_byte, last=True)
        return stored_weight, 1, length_byte, length_byte, max_weight, docnum, docnum

    def _write_blocks(self, postings: list) -> tuple:
        """A term of more postings than a block holds: its blocks, and its statistics gathered
        from theirs as W3TermInfo.add_block gathers them."""
        docnums, weights, values = postings[0::3], postings[1::3], postings[2::3]
        limit = self._blocklimit
        blocks = [self._write_block(docnums[start:start + limit], weights[start:start + limit],
                                    values[start:start + limit], last=start + limit >= len(docnums))
                  for start in range(0, len(docnums), limit)]
        total_weight = 0
        for block in blocks:
            total_weight += block[0]  # in Whoosh's order: a float sum can depend on it
        return (total_weight, len(docnums), min((block[2] for block in blocks if block[2]), default=0),
                max(block[3] for block in blocks), max(0, *(block[4] for block in blocks)),
                docnums[0], docnums[-1])

    def _write_block(self, ids: list[int], weights: list[float], values: list[bytes], last: bool) -> tuple:
        """A block of postings, and its statistics."""
        length_bytes = list(map(self._length_bytes.__getitem__, ids))
        if 0 in length_bytes:  # documents without a length (a field not scored) count for nothing
            length_bytes = [byte for byte in length_bytes if byte] or [0]
        min_length_byte, max_length_byte = min(length_bytes), max(length_bytes)
        if weights.count(1.0) == len(weights):  # the word once in each document: nothing to round
            minified_weights, total_weight = None, float(len(weights))
        else:
            stored_weights = array("f", weights)
            minified_weights, total_weight = _minified_weights(stored_weights), sum(stored_weights)
        max_weight = max(0, *weights)
        if not all(values):  # Whoosh keeps only values that are not empty
            values = [value for value in values if value]
        data = (_deltas(ids), minified_weights, self._minify_values(values))
        self._append_block(data, (len(ids), ids[-1], max_weight), min_length_byte, max_length_byte, last)
        return total_weight, len(ids), min_length_byte, max_length_byte, max_weight, ids[0], ids[-1]

    def _append_block(self, data: tuple, counts: tuple, min_length_byte: int, max_length_byte: int,
                      last: bool) -> None:
        """A block as W3PostingsWriter._write_block writes it: its length (negative for a term's
        last block), then the pickled block info, then the pickled (maybe compressed) data."""
        databytes = dumps(data, BLOCK_DATA_PROTOCOL)
        compression = self._compression if len(databytes) >= COMPRESSION_MIN_SIZE else 0
        if compression:
            databytes = zlib.compress(databytes, compression)
        infobytes = dumps((*counts, compression, min_length_byte, max_length_byte), 2)
        block_length = len(infobytes) + len(databytes)
        pending = self._postings.pending
        pending += pack_int(-block_length if last else block_length)
        pending += infobytes
        pending += databytes


class _GatheredWrites:
    """Bytes for a file gathered in ``pending`` and written in one go; position() is the file
    offset the next byte gathered will have."""

    def __init__(self, file) -> None:
        self._file = file
        self._pending_offset = file.tell()
        self.pending = bytearray()

    def position(self) -> int:
        return self._pending_offset + len(self.pending)

    def flush(self) -> None:
        self._file.write(self.pending)
        self._pending_offset += len(self.pending)
        self.pending.clear()


class _GatheredTermsTable:
    """Entries added to the terms table (an OrderedHashWriter) as its add() adds them: their
    positions in its index, their hashes in its buckets, the last key; the entries themselves
    gathered and written in large writes rather than three writes each."""

    def __init__(self, table) -> None:
        self._table = table
        self._entries = _GatheredWrites(table.dbfile)
        self._hash = table.hashfn
        self._buckets = table.buckets
        self._index_position = table.index.append
        self._last_key = table.lastkey

    def add(self, key: bytes, value: bytes) -> None:
        if key <= self._last_key:
            raise ValueError(f"Keys must increase: {self._last_key!r}..{key!r}")
        position = self._entries.position()
        self._index_position(position)
        pending = self._entries.pending
        pending += _ENTRY_LENGTHS.pack(len(key), len(value))
        pending += key
        pending += value
        hashed = self._hash(key)
        self._buckets[hashed & 255].append((hashed, position))
        self._last_key = key
        if len(pending) >= _WRITE_BYTES:
            self.flush()

    def flush(self) -> None:
        self._entries.flush()
        self._table.lastkey = self._last_key


def _values_minifier(fixed_size: int | None):
    """How W3PostingsWriter._mini_values stores a block's values for a format of this value size."""
    if fixed_size is None or fixed_size < 0:
        return tuple
    if fixed_size == 0:
        return lambda values: None
    return b"".join


def _minified_weights(stored_weights: array) -> float | tuple | None:
    """W3PostingsWriter._mini_weights: None when all are 1.0, one figure when all are equal."""
    first = stored_weights[0]
    if stored_weights.count(first) != len(stored_weights):
        return tuple(stored_weights)
    return None if first == 1.0 else first


def _deltas(ids: list[int]) -> tuple:
    """Document numbers as W3PostingsWriter._mini_ids stores them: the first, then the gaps."""
    return (ids[0], *map(sub, ids[1:], ids))
