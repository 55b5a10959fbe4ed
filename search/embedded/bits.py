"""Sets of document numbers: small ones as Python sets, large ones as bitmaps.

A bitmap is a Python ``int`` whose bit *n* says whether document number *n*
is in the set: ``&``, ``|``, ``bit_count()`` run in C over the whole index
(a million documents is a 125 kB integer: about 20-60 microseconds per
operation on the 2-core box), which is what makes a very common word cheap
to count and facet. Sets of a few thousand numbers stay Python sets, since
turning one into a bitmap costs as much as the bitmap is long.

On disk (:func:`encode` / :func:`decode`) a set of up to :data:`ARRAY_MAX`
numbers is a sorted array of little-endian ``uint32`` (decoded to a Python
set); a larger one is its bitmap, zlib-compressed unless that saves less than
:data:`RAW_RATIO` times (the few very common terms): a sparse bitmap deflates
to about the size of the array, and it decodes to an ``int`` entirely in C
(decompress, ``int.from_bytes``) where turning a set of thousands of numbers
into a bitmap is a Python loop (10 ms for 30,000).
"""

from __future__ import annotations

import re
import sys
import zlib
from array import array
from collections.abc import Iterable, Iterator
from typing import Final

ARRAY: Final = 0
BITMAP: Final = 1
ZBITMAP: Final = 2
#: Sets up to this size are stored as arrays (and decoded to Python sets).
ARRAY_MAX: Final = 512
#: Bitmaps are stored compressed when that makes them this many times smaller.
RAW_RATIO: Final = 4
#: Sets larger than this are kept as bitmaps when combined.
SMALL: Final = 4096

_NONZERO: Final = re.compile(rb"[^\x00]")
_LITTLE: Final = sys.byteorder == "little"
assert array("I").itemsize == 4


class Bits:
    """A bitmap of document numbers (an ``int``), with a byte view for membership tests."""

    __slots__ = ("_bytes", "value")

    def __init__(self, value: int) -> None:
        self.value = value
        self._bytes: bytes | None = None

    @property
    def raw(self) -> bytes:
        if self._bytes is None:
            self._bytes = self.value.to_bytes((self.value.bit_length() + 7) // 8, "little")
        return self._bytes

    def __contains__(self, n: int) -> bool:
        raw = self.raw
        index = n >> 3
        return index < len(raw) and bool(raw[index] >> (n & 7) & 1)

    def __len__(self) -> int:
        return self.value.bit_count()

    def __iter__(self) -> Iterator[int]:
        raw = self.raw
        for match in _NONZERO.finditer(raw):
            index = match.start()
            byte = raw[index]
            base = index << 3
            for bit in range(8):
                if byte >> bit & 1:
                    yield base + bit


_BIT: Final = tuple(1 << i for i in range(8))

#: A set of document numbers: a Python set, or a :class:`Bits` bitmap.
AnySet = set[int] | frozenset[int] | Bits
EMPTY: Final[frozenset[int]] = frozenset()


def to_int(docs: AnySet) -> int:
    """The bitmap ``int`` of a set."""
    if isinstance(docs, Bits):
        return docs.value
    if not docs:
        return 0
    buffer = bytearray((max(docs) >> 3) + 1)
    for n in docs:
        buffer[n >> 3] |= _BIT[n & 7]
    return int.from_bytes(buffer, "little")


def and_(a: AnySet, b: AnySet) -> AnySet:
    if isinstance(a, Bits):
        if isinstance(b, Bits):
            return Bits(a.value & b.value)
        a, b = b, a
    if isinstance(b, Bits):
        raw = b.raw
        size = len(raw) << 3
        return {n for n in a if n < size and raw[n >> 3] >> (n & 7) & 1}
    return a & b


def or_(a: AnySet, b: AnySet) -> AnySet:
    if not a:
        return b
    if not b:
        return a
    if isinstance(a, Bits) or isinstance(b, Bits) or len(a) + len(b) > SMALL:
        return Bits(to_int(a) | to_int(b))
    return a | b


def union(sets: Iterable[AnySet]) -> AnySet:
    small: set[int] = set()
    big = 0
    for docs in sets:
        if isinstance(docs, Bits):
            big |= docs.value
        elif docs:
            small.update(docs)
    if big:
        if small:
            big |= to_int(small)
        return Bits(big)
    if len(small) > SMALL:
        return Bits(to_int(small))
    return small


def minus(a: AnySet, b: AnySet) -> AnySet:
    if not b or not a:
        return a
    if isinstance(a, Bits):
        return Bits(a.value & ~to_int(b))
    if isinstance(b, Bits):
        raw = b.raw
        size = len(raw) << 3
        return {n for n in a if n >= size or not raw[n >> 3] >> (n & 7) & 1}
    return a - b


def count(docs: AnySet) -> int:
    return len(docs)


def ascending(docs: AnySet) -> Iterator[int]:
    """The numbers in ascending order (a bitmap is scanned in C for non-zero bytes)."""
    if isinstance(docs, Bits):
        return iter(docs)
    return iter(sorted(docs))


# ------------------------------------------------------------------ on disk


def encode(docs: Iterable[int], universe: int) -> tuple[int, bytes]:
    """``(encoding, bytes)`` of a set of numbers below ``universe`` (see the module
    docstring)."""
    if isinstance(docs, Bits):
        value = docs.value
        n = value.bit_count()
        if n <= ARRAY_MAX:
            return ARRAY, _array_bytes(list(docs))
    else:
        numbers = docs if isinstance(docs, list) else sorted(docs)
        n = len(numbers)
        if n <= ARRAY_MAX:
            return ARRAY, _array_bytes(numbers)
        value = to_int(set(numbers))
    raw = value.to_bytes((value.bit_length() + 7) // 8, "little")
    packed = zlib.compress(raw, 1)
    if len(packed) * RAW_RATIO < len(raw):
        return ZBITMAP, packed
    # A common term: read far more often than it is stored; inflating it each
    # time would cost more than the disk it saves.
    return BITMAP, raw


def _array_bytes(numbers: list[int]) -> bytes:
    arr = array("I", numbers)
    if not _LITTLE:
        arr.byteswap()
    return arr.tobytes()


def decode(encoding: int, data: bytes) -> AnySet:
    if encoding == BITMAP:
        return Bits(int.from_bytes(data, "little"))
    if encoding == ZBITMAP:
        return Bits(int.from_bytes(zlib.decompress(data), "little"))
    arr = array("I")
    arr.frombytes(data)
    if not _LITTLE:
        arr.byteswap()
    return set(arr)


def decode_list(encoding: int, data: bytes) -> list[int]:
    """The numbers of an encoded set, ascending."""
    if encoding in (BITMAP, ZBITMAP):
        return list(decode(encoding, data))
    arr = array("I")
    arr.frombytes(data)
    if not _LITTLE:
        arr.byteswap()
    return arr.tolist()
