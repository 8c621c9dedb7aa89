"""The text encoding of a Shapefile's attribute table (its .dbf), and decoding it.

A Shapefile says how its text is encoded in a ``.cpg`` file beside it, or in
the .dbf's language driver byte; legacy Chinese files often do neither and
hold GBK. GDAL then takes the text for ISO-8859-1 and the names come out as
mojibake. So the app decides the encoding itself, in this order: the one
the user chose, the ``.cpg``, the language driver byte, and else the
content (UTF-8 when every text decodes as UTF-8, else GB18030 when every
text decodes as that). The text is then carried through GDAL byte for byte
(as ISO-8859-1) and decoded here, where a field name cut in the middle of
a character by the format's 10-byte limit loses only the broken byte.
"""

from __future__ import annotations

import codecs
import struct
from dataclasses import dataclass
from pathlib import Path

#: How much of the records is looked at to guess an encoding.
SAMPLE_BYTES = 1 << 20

#: Language driver ids of the .dbf header that name an encoding (the ones
#: GDAL knows for East Asia and the common Western ones).
_LDID = {0x01: "cp437", 0x02: "cp850", 0x03: "cp1252", 0x4D: "gbk", 0x4E: "cp949", 0x4F: "big5", 0x57: "cp1252",
         0x7A: "gbk", 0x7B: "cp932", 0x7C: "cp874", 0x78: "big5", 0x79: "cp949"}

#: How :func:`decide` came to an encoding.
SOURCES = ("asked", "cpg", "ldid", "content")
#: Key of ``GeoDataFrame.attrs`` under which a read Shapefile keeps its
#: text encoding: (codec, one of :data:`SOURCES`).
TEXT_ENCODING = "hegang_map_text_encoding"


@dataclass(frozen=True)
class DbfEncoding:
    """The encoding of a .dbf and how it was decided.

    Attributes
    ----------
    codec : str
        A Python codec name (``gb18030``, ``utf-8`` ...).
    source : str
        One of :data:`SOURCES`.
    """

    codec: str
    source: str


def codec_of(name: str) -> str | None:
    """The Python codec of an encoding name as a .cpg or a user writes it
    (``UTF-8``, ``GBK``, ``936``, ``CP936``, ``ANSI 936``), or ``None``."""
    text = name.strip().upper().replace("ANSI", "").strip()
    if text.isdigit():
        text = "cp" + text
    try:
        return codecs.lookup(text).name
    except LookupError:
        return None


def decide(shp: Path, asked: str | None = None) -> DbfEncoding | None:
    """How to decode the text of the Shapefile ``shp``, or ``None`` when GDAL may
    decode it itself (no text beyond ASCII, or a .cpg naming what Python does not know).

    ``asked`` is an encoding name the user gave; it wins.
    """
    dbf = _part(shp, ".dbf")
    if dbf is None:
        return None
    names, sample = _head(dbf)
    if asked:
        codec = codec_of(asked)
        if codec is None:
            raise LookupError(asked)
        return DbfEncoding(codec, "asked")
    if all(b < 0x80 for b in b"".join(names) + sample):
        return None
    cpg = _part(shp, ".cpg")
    if cpg is not None:
        try:
            declared = cpg.read_bytes()[:64].decode("ascii", errors="replace")
        except OSError:
            declared = ""
        codec = codec_of(declared)
        return DbfEncoding(codec, "cpg") if codec else None
    ldid = _ldid(dbf)
    if ldid in _LDID:
        return DbfEncoding(_LDID[ldid], "ldid")
    for codec in ("utf-8", "gb18030"):
        if all(_decodes(decode_name_bytes(n, codec), codec) for n in names) and _decodes(sample, codec):
            return DbfEncoding(codec, "content")
    return None


def decode_name(raw: bytes, codec: str) -> tuple[str, bool]:
    """A field name's bytes as text, and whether a character cut at its end was dropped."""
    kept = decode_name_bytes(raw, codec)
    try:
        return kept.decode(codec), len(kept) < len(raw)
    except UnicodeDecodeError:  # broken elsewhere than at the end: shown as it is
        return raw.decode(codec, errors="replace"), False


def decode_name_bytes(raw: bytes, codec: str) -> bytes:
    """A field name's bytes without a character cut at its end by the 10-byte limit
    (only a cut at the end is mended)."""
    try:
        raw.decode(codec)
    except UnicodeDecodeError as exc:
        if len(raw) - exc.start <= 3:
            return raw[:exc.start]
    return raw


def decode_value(raw: bytes, codec: str) -> tuple[str, bool]:
    """An attribute's bytes as text, and whether some could not be decoded (shown as U+FFFD)."""
    try:
        return raw.decode(codec), True
    except UnicodeDecodeError:
        return raw.decode(codec, errors="replace"), False


def _decodes(raw: bytes, codec: str) -> bool:
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _part(shp: Path, suffix: str) -> Path | None:
    """The file beside ``shp`` with ``suffix`` (in either case), if it is a regular file."""
    for candidate in (shp.with_suffix(suffix), shp.with_suffix(suffix.upper())):
        try:
            if candidate.is_file():
                return candidate
        except OSError:
            return None
    return None


def _ldid(dbf: Path) -> int:
    try:
        with open(dbf, "rb") as fh:
            head = fh.read(32)
    except OSError:
        return 0
    return head[29] if len(head) >= 30 else 0


def _head(dbf: Path) -> tuple[list[bytes], bytes]:
    """The field names and a sample of the records of a .dbf, as bytes.

    Each name is cut at its NUL; the records are sampled whole. A damaged
    header gives what could be read (GDAL's read then says what is wrong).
    """
    try:
        with open(dbf, "rb") as fh:
            head = fh.read(32)
            if len(head) < 32:
                return [], b""
            header_len = struct.unpack("<H", head[8:10])[0]
            fields = fh.read(max(0, min(header_len, 1 << 20) - 32))
            sample = fh.read(SAMPLE_BYTES)
    except OSError:
        return [], b""
    names = []
    for i in range(0, len(fields) - 31, 32):
        if fields[i] == 0x0D:
            break
        names.append(fields[i:i + 11].split(b"\x00", 1)[0])
    return names, sample

