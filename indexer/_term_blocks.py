"""Terms' postings and term-table entries encoded straight from their lists, as Whoosh 3 encodes them.

Whoosh's W3PostingsWriter takes a term's postings one at a time into per-block state, and at each
block's end adds the block to a W3TermInfo, minifies and pickles it and writes it in three writes;
W3FieldWriter.finish_term then packs the W3TermInfo into the terms table. Most of the archive's
terms hold one posting, so that bookkeeping cost as much as the encoding itself (~1 ms of the
~2.1 ms per document of writing a segment). Here each term's blocks and term entry are worked out
in one go from the lists the writer holds, the blocks gathered and written to the postings file in
large writes. The bytes are Whoosh's: tests/test_writer.py compares whole segments with its writer.
"""
from __future__ import annotations

import struct
import zlib
from array import array
from operator import sub
from pickle import dumps

from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import pack_int, pack_ushort

# A term's entry in the terms table: W3TermInfo's statistics, then where its postings are.
_TERM_ENTRY = struct.Struct(W3TermInfo._struct.format + "qi")


class TermBlocksWriter:
    """Writes terms in order, a field at a time, to a W3FieldWriter's postings file and terms table,
    in place of its start_term() / add() / finish_term()."""

    # Blocks gathered before they are written to the postings file.
    WRITE_BYTES = 1 << 20

    def __init__(self, fieldwriter) -> None:
        codec = fieldwriter._codec
        if codec._inlinelimit > 1:
            # Whoosh would keep terms this short in the terms table instead: not done here.
            raise ValueError(f"postings inlined below {codec._inlinelimit} postings are not supported")
        self._fieldwriter = fieldwriter
        self._postfile = fieldwriter._postfile
        self._terms_table = fieldwriter._tindex
        self._blocklimit = codec._blocklimit
        self._compression = codec._compression
        self._pending = bytearray()
        self._pending_offset = self._postfile.tell()
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
        offset = self._pending_offset + len(self._pending)
        if len(postings) == 3:
            statistics = self._write_single_posting(*postings)
        else:
            statistics = self._write_blocks(postings)
        length = self._pending_offset + len(self._pending) - offset
        self._terms_table.add(self._key_prefix + term, _TERM_ENTRY.pack(0, *statistics, offset, length))
        if len(self._pending) >= self.WRITE_BYTES:
            self.flush()

    def flush(self) -> None:
        """Write the gathered blocks to the postings file."""
        self._postfile.write(self._pending)
        self._pending_offset += len(self._pending)
        self._pending.clear()

    def _write_single_posting(self, docnum: int, weight: float, value: bytes) -> tuple:
        """The one block of a term in one document (most terms): no lists to slice or scan."""
        length_byte = self._length_bytes[docnum]
        if weight == 1.0:
            minified_weights, total_weight = None, 1.0
        else:
            minified_weights = total_weight = array("f", (weight,))[0]  # stored as a 32-bit float
        max_weight = max(0, weight)
        self._write_block(((docnum,), minified_weights, self._minify_values((value,) if value else ())),
                          (1, docnum, max_weight), (length_byte, length_byte), first=True, last=True)
        return total_weight, 1, length_byte, length_byte, max_weight, docnum, docnum

    def _write_blocks(self, postings: list) -> tuple:
        """A term's postings in blocks of up to the block limit, and its statistics over all of them."""
        docnums, weights, values = postings[0::3], postings[1::3], postings[2::3]
        limit, length_bytes = self._blocklimit, self._length_bytes
        total_weight, max_weight, min_length_byte, max_length_byte = 0, 0, 0, 0
        for start in range(0, len(docnums), limit):
            end = start + limit
            ids, block_weights = docnums[start:end], weights[start:end]
            stored_weights = array("f", block_weights)
            total_weight += sum(stored_weights)  # block by block, as W3TermInfo.add_block adds them
            block_max_weight = max(0, *block_weights)
            max_weight = max(max_weight, block_max_weight)
            block_lengths = _length_byte_range([byte for byte in map(length_bytes.__getitem__, ids) if byte])
            if block_lengths[0] and (not min_length_byte or block_lengths[0] < min_length_byte):
                min_length_byte = block_lengths[0]
            max_length_byte = max(max_length_byte, block_lengths[1])
            block_values = self._minify_values([value for value in values[start:end] if value])
            self._write_block((_deltas(ids), _minified_weights(stored_weights), block_values),
                              (len(ids), ids[-1], block_max_weight), block_lengths,
                              first=not start, last=end >= len(docnums))
        return total_weight, len(docnums), min_length_byte, max_length_byte, max_weight, docnums[0], docnums[-1]

    def _write_block(self, data: tuple, counts: tuple, length_bytes: tuple, first: bool, last: bool) -> None:
        """One block as W3PostingsWriter._write_block writes it: its length (negative for a term's
        last block), then the pickled block info, then the pickled (maybe compressed) data."""
        databytes = dumps(data, 2)
        compression = self._compression if len(databytes) >= COMPRESSION_MIN_SIZE else 0
        if compression:
            databytes = zlib.compress(databytes, compression)
        infobytes = dumps((*counts, compression, *length_bytes), 2)
        block_length = len(infobytes) + len(databytes)
        pending = self._pending
        if first:
            pending += WHOOSH3_HEADER_MAGIC
        pending += pack_int(-block_length if last else block_length)
        pending += infobytes
        pending += databytes


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


def _length_byte_range(present: list[int]) -> tuple[int, int]:
    """The smallest and largest length codes of a block's documents (0, 0 when none has a length)."""
    return (min(present), max(present)) if present else (0, 0)
