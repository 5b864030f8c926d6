"""Small but valid files (PNG, JPEG, PDF) made with the standard library, for attachments and avatars.

Real decoders must accept them (the viewer, image tools, PDF readers), so each follows its format's
specification rather than only looking plausible.
"""

from __future__ import annotations

import functools
import struct
import zlib

Color = tuple[int, int, int]


@functools.lru_cache(maxsize=64)  # servers in tests regenerate the same pictures
def png(width: int, height: int, color: Color, accent: Color | None = None) -> bytes:
    """An RGB PNG: a plain colour, with a centred disc in the accent colour when one is given."""
    rows = []
    cx, cy, radius2 = width / 2, height / 2, (min(width, height) * 0.35) ** 2
    for y in range(height):
        row = bytearray(b"\x00")  # filter type "None"
        for x in range(width):
            inside = accent is not None and (x - cx) ** 2 + (y - cy) ** 2 <= radius2
            row += bytes(accent if inside else color)  # type: ignore[arg-type]
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _png_chunk(b"IEND", b"")
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# JPEG: a baseline encoder for one flat colour. With every AC coefficient zero, each 8x8 block is just a
# DC difference (the first block of each component) followed by an end-of-block code.
_DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)  # the standard luminance DC code lengths
_DC_VALUES = tuple(range(12))
_AC_BITS = (1,) + (0,) * 15  # one code: end of block
_AC_VALUES = (0,)


@functools.lru_cache(maxsize=16)
def jpeg(width: int, height: int, color: Color) -> bytes:
    y, cb, cr = _rgb_to_ycbcr(color)
    dc_codes = _canonical_codes(_DC_BITS, _DC_VALUES)
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    bits = _BitWriter()
    for index in range(blocks):
        for level in (y, cb, cr):
            diff = level - 128 if index == 0 else 0  # DC quantised by 8 = mean - 128
            category = abs(diff).bit_length()
            bits.write(*dc_codes[category])
            if category:
                value = diff if diff > 0 else diff + (1 << category) - 1
                bits.write(value, category)
            bits.write(0, 1)  # end of block
    scan = bits.finish()

    quant = bytes([8] + [1] * 63)
    out = bytearray(b"\xff\xd8")
    out += _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    out += _segment(0xDB, b"\x00" + quant)
    components = b"".join(bytes([cid, 0x11, 0]) for cid in (1, 2, 3))
    out += _segment(0xC0, struct.pack(">BHHB", 8, height, width, 3) + components)
    out += _segment(0xC4, b"\x00" + bytes(_DC_BITS) + bytes(_DC_VALUES))
    out += _segment(0xC4, b"\x10" + bytes(_AC_BITS) + bytes(_AC_VALUES))
    out += _segment(0xDA, b"\x03" + b"".join(bytes([cid, 0x00]) for cid in (1, 2, 3)) + b"\x00\x3f\x00")
    out += scan + b"\xff\xd9"
    return bytes(out)


def _rgb_to_ycbcr(color: Color) -> tuple[int, int, int]:
    r, g, b = color
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b
    cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
    return tuple(max(0, min(255, round(v))) for v in (y, cb, cr))  # type: ignore[return-value]


def _canonical_codes(bits: tuple[int, ...], values: tuple[int, ...]) -> dict[int, tuple[int, int]]:
    codes: dict[int, tuple[int, int]] = {}
    code, k = 0, 0
    for length, count in enumerate(bits, start=1):
        for _ in range(count):
            codes[values[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


class _BitWriter:
    def __init__(self) -> None:
        self.out = bytearray()
        self.acc = 0
        self.count = 0

    def write(self, value: int, length: int) -> None:
        for shift in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((value >> shift) & 1)
            self.count += 1
            if self.count == 8:
                self._emit(self.acc)
                self.acc, self.count = 0, 0

    def finish(self) -> bytes:
        if self.count:
            pad = 8 - self.count
            self._emit((self.acc << pad) | ((1 << pad) - 1))  # pad with one-bits
            self.acc, self.count = 0, 0
        return bytes(self.out)

    def _emit(self, byte: int) -> None:
        self.out.append(byte)
        if byte == 0xFF:
            self.out.append(0)  # byte stuffing


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF showing the lines in Helvetica (Latin-1 text only: PDF's standard fonts)."""

    def text(s: str) -> str:
        raw = s.encode("latin-1", "replace").decode("latin-1")
        return raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 18 Tf", "72 770 Td", f"({text(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        ops += ["0 -18 Td", f"({text(line)}) Tj"]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def blob_for_name(name: str) -> tuple[bytes | None, int, int]:
    """A small real file for a name (PNG, JPEG, PDF, an HTML page with a script, else text); with its size
    in pixels for images."""
    lower = name.lower()
    if lower.endswith(".png"):
        return png(48, 48, (120, 40, 160), (240, 240, 240)), 48, 48
    if lower.endswith((".jpg", ".jpeg")):
        return jpeg(64, 48, (200, 120, 40)), 64, 48
    if lower.endswith(".pdf"):
        return pdf("Protokoll", ["Anwesend: Anna, Bernd, Claudia", "Ergebnis: alles erledigt."]), 0, 0
    if lower.endswith(".html"):
        return b"<html><body><script>alert('x')</script>Hallo</body></html>\n", 0, 0
    return f"Inhalt der Datei {name}\nZweite Zeile mit Umlauten: äöü ß\n".encode(), 0, 0
