"""The poster font inside a PDF: glyph ids, widths, a subset program and a ToUnicode map.

Text in the PDFs is real text in Be Vietnam Pro (a TrueType font embedded as a CID font,
Identity-H, so every Vietnamese letter is one glyph), not pixels: a page is a few kB
instead of a 300 DPI image, prints sharp at any size, and can be searched and copied.
Each file embeds only the glyphs of the Vietnamese alphabet, ASCII and a few marks, plus
whatever else its text uses (fontTools subsetting, hints dropped: about 11 kB a face),
keeping glyph ids so text can be written before the subset is made.

Every line is positioned glyph by glyph (TJ adjustments) to the advances the planner
measured (fonts.advance, whole pixels at 300 DPI), so a line in the PDF is exactly as
wide as the plan says and can never run into a code's quiet zone or the margin.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zlib
from functools import lru_cache

from fontTools import subset
from fontTools.ttLib import TTFont

from generator.posters.fonts import FACES, advance, font, font_path

# The alphabet every poster uses, so most files share one subset (made once per process).
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
BASE_CHARS = frozenset(
    {chr(c) for c in range(32, 127)}
    | {unicodedata.normalize("NFC", v + t) for v in VOWELS + VOWELS.upper() for t in TONES}
    | set("đĐ–—…“”‘’•·°")
)


@lru_cache(maxsize=None)
def face_font(face: str) -> TTFont:
    """The font file of `face`, parsed once per process."""
    return TTFont(font_path(face), recalcTimestamp=False, lazy=False)


@lru_cache(maxsize=None)
def _glyphs(face: str) -> dict[str, tuple[int, int]]:
    """Letter -> (glyph id, advance in thousandths of an em), for every letter of `face`."""
    ttf = face_font(face)
    metrics = ttf["hmtx"].metrics
    return {chr(code): (ttf.getGlyphID(name), metrics[name][0]) for code, name in ttf.getBestCmap().items()}


def glyph_id(face: str, char: str) -> int:
    """The glyph id of `char` in `face` (0, the missing-glyph box, if the font lacks it)."""
    return _glyphs(face).get(char, (0, 0))[0]


def design_width(face: str, gid: int) -> int:
    """Advance of glyph `gid` in thousandths of an em (the font has 1000 units per em)."""
    ttf = face_font(face)
    return ttf["hmtx"].metrics[ttf.getGlyphName(gid)][0]


@lru_cache(maxsize=32768)
def show_text(face: str, size: int, text: str) -> bytes:
    """The TJ operand that shows `text` at `size` with the planner's advances."""
    glyphs = _glyphs(face)
    missing = (0, design_width(face, 0))
    parts = []
    for char in text:
        gid, width = glyphs.get(char, missing)
        # TJ moves the pen left by n/1000 of the size after a glyph: make the glyph's
        # design advance come out as the planner's whole-pixel advance
        shift = width - advance(face, size, char) * 1000 / size
        parts.append(f"<{gid:04X}>{shift:.1f}" if abs(shift) >= 0.05 else f"<{gid:04X}>")
    return ("[" + "".join(parts) + "]").encode()


@lru_cache(maxsize=None)
def ascent(face: str, size: int) -> int:
    """Pixels from a line's ascender line to its baseline, as the raster drawer places glyphs."""
    return font(face, size).getmetrics()[0]


@lru_cache(maxsize=16)
def font_program(face: str, chars: frozenset[str]) -> tuple[bytes, int]:
    """The subset font file for `chars` (glyph ids kept), compressed, and its length."""
    options = subset.Options()
    options.retain_gids = True
    options.hinting = False
    options.layout_features = []
    options.notdef_outline = True
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "DSIG"]
    ttf = TTFont(font_path(face), recalcTimestamp=False)
    cut = subset.Subsetter(options)
    cut.populate(unicodes=sorted(ord(c) for c in chars))
    cut.subset(ttf)
    out = io.BytesIO()
    ttf.save(out)
    data = out.getvalue()
    return zlib.compress(data, 9), len(data)


def font_objects(face: str, used: set[str], add) -> int:
    """Add the objects of `face` for a file whose text uses `used`; return the font's number.

    `add(body: bytes) -> int` appends an object to the file and returns its number.
    """
    ttf = face_font(face)
    chars = frozenset(BASE_CHARS | used)
    tag = "".join(chr(65 + b % 26) for b in hashlib.sha256("".join(sorted(chars)).encode()).digest()[:6])
    name = f"/{tag}+{ttf['name'].getDebugName(6) or FACES[face].removesuffix('.ttf')}"
    program, length = font_program(face, chars)
    program_ref = add(_stream(f"/Length1 {length} /Filter /FlateDecode", program))
    head, hhea, os2 = ttf["head"], ttf["hhea"], ttf["OS/2"]
    descriptor = add(
        f"<< /Type /FontDescriptor /FontName {name} /Flags 32 "
        f"/FontBBox [{head.xMin} {head.yMin} {head.xMax} {head.yMax}] /ItalicAngle 0 "
        f"/Ascent {hhea.ascent} /Descent {hhea.descent} /CapHeight {getattr(os2, 'sCapHeight', 700)} "
        f"/StemV {140 if face == 'bold' else 80} /FontFile2 {program_ref} 0 R >>".encode())
    gids = sorted({glyph_id(face, c) for c in used} | {0})
    widths = " ".join(f"{gid} [{design_width(face, gid)}]" for gid in gids)
    cid = add(
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont {name} "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /W [{widths}] >>".encode())
    unicode_map = add(_stream("/Filter /FlateDecode", zlib.compress(to_unicode(face, used), 9)))
    return add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont {name} /Encoding /Identity-H "
        f"/DescendantFonts [{cid} 0 R] /ToUnicode {unicode_map} 0 R >>".encode())


def to_unicode(face: str, used: set[str]) -> bytes:
    """A CMap from glyph ids back to letters, so the PDF's text can be searched and copied."""
    pairs = sorted({glyph_id(face, c): c for c in used if glyph_id(face, c)}.items())
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
    ]
    for start in range(0, len(pairs), 100):
        chunk = pairs[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{gid:04X}> <{char.encode('utf-16-be').hex().upper()}>" for gid, char in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode()


def _stream(entries: str, data: bytes) -> bytes:
    return f"<< {entries} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"
