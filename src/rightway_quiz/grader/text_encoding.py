"""Which encoding a text file is in, decided on the whole file, not its first few kilobytes.

A byte order mark settles it (UTF-8, UTF-16). Without one the whole file is
read once: valid UTF-8 is UTF-8; a file with no valid UTF-8 accent but some
bytes that are not UTF-8 is Windows-1252 (Excel's "CSV (Comma delimited)" on
Windows). A file that is neither, or that is not valid in the encoding its
mark claims, is read with the bad bytes kept as lone surrogates
(``surrogateescape``) so that the reader can reject exactly the rows that
hold them and grade every other row.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

CHUNK_BYTES = 1 << 20
#: A byte that did not decode, as ``surrogateescape`` keeps it.
BAD_BYTE = re.compile("[\udc80-\udcff]")
_ACCENT = re.compile("[^\x00-\x7f\udc80-\udcff]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


@dataclass(frozen=True)
class Decoding:
    """How to read a file: the codec, its name for people, and whether some bytes are bad."""

    encoding: str
    label: str
    bad_bytes: bool = False
    #: The file's byte order mark named the encoding.
    claimed: bool = False
    #: Nothing but the mark and white space.
    blank: bool = False


def _scan(path: Path, encoding: str, skip: int) -> tuple[bool, bool, bool]:
    """(some bytes are bad, some character is not ASCII, only white space) for the whole file.

    A strict decode is fast (about 0.1 s for 80 MB); only a file with bad bytes
    is read again to tell accents from bad bytes.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    accent = False
    blank = True
    with path.open("rb") as handle:
        handle.seek(skip)
        while True:
            chunk = handle.read(CHUNK_BYTES)
            if chunk.isascii() and not blank and not decoder.getstate()[0]:
                if not chunk:
                    return False, accent, blank
                continue  # ASCII is valid in both encodings: nothing to decode
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError:
                return _scan_bad(path, encoding, skip)
            accent = accent or not chunk.isascii()
            blank = blank and not text.strip()
            if not chunk:
                return False, accent, blank


def _scan_bad(path: Path, encoding: str, skip: int) -> tuple[bool, bool, bool]:
    """:func:`_scan` for a file known to hold bad bytes: are there also good accents?"""
    decoder = codecs.getincrementaldecoder(encoding)("surrogateescape")
    accent = False
    blank = True
    with path.open("rb") as handle:
        handle.seek(skip)
        while True:
            chunk = handle.read(CHUNK_BYTES)
            text = decoder.decode(chunk, final=not chunk)
            if not accent and not text.isascii() and _ACCENT.search(text):
                accent = True
            if blank and text.strip():
                blank = False
            if not chunk:
                return True, accent, blank


def _scan_utf16(path: Path) -> tuple[bool, bool]:
    """(some bytes are bad, only white space): UTF-16 has no ``surrogateescape``."""
    decoder = codecs.getincrementaldecoder("utf-16")("replace")
    bad = False
    blank = True
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(CHUNK_BYTES)
            text = decoder.decode(chunk, final=not chunk)
            bad = bad or "\ufffd" in text
            blank = blank and not text.strip("\ufeff \t\r\n")
            if not chunk:
                return bad, blank


def decide_encoding(path: Path, head: bytes) -> Decoding:
    """The file's encoding, read from its mark or from every byte of it."""
    for bom, encoding, label in _BOMS:
        if head.startswith(bom):
            if encoding == "utf-16":
                bad, blank = _scan_utf16(path)
                # A UTF-16 file with bad bytes is read with U+FFFD in their place.
                return Decoding(encoding, label, bad, claimed=True, blank=blank)
            bad, _accent, blank = _scan(path, "utf-8", len(bom))
            return Decoding(encoding, label, bad, claimed=True, blank=blank)
    bad, accent, blank = _scan(path, "utf-8", 0)
    if not bad:
        return Decoding("utf-8", "UTF-8", blank=blank)
    if not accent:
        bad_1252, _accent, blank = _scan(path, "cp1252", 0)
        return Decoding("cp1252", "Windows-1252", bad_1252, blank=blank)
    # Valid UTF-8 accents and bytes that are not UTF-8: mixed, so UTF-8 with bad rows.
    return Decoding("utf-8", "UTF-8", True, blank=blank)
