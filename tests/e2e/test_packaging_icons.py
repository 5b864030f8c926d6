"""The icon files are generated from the one SVG source and hold the sizes each platform needs."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import make_icons  # noqa: E402


def _pixels(image: QImage) -> list[tuple[int, int, int, int]]:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return [image.pixelColor(x, y).getRgb()[:4] for y in range(image.height()) for x in range(image.width())]


def test_committed_pngs_are_the_svg_rendered_now(qapp):
    """Compared pixel by pixel, not byte by byte: Qt's PNG encoder and its antialiasing change a little
    between patch releases, while a stale icon (an edited SVG) differs by far more than a few levels."""
    for size in make_icons.PNG_SIZES:
        committed = QImage(str(make_icons.ICON_DIR / f"mmexport-{size}.png"))
        rendered = QImage.fromData(make_icons.render_png(make_icons.SOURCE, size), "PNG")
        assert (committed.width(), committed.height()) == (size, size)
        worst = max(
            max(abs(a - b) for a, b in zip(old, new, strict=True))
            for old, new in zip(_pixels(committed), _pixels(rendered), strict=True)
        )
        assert worst <= 12, (
            f"mmexport-{size}.png is stale (a pixel differs by {worst}): run packaging/make_icons.py"
        )


def test_small_icon_keeps_its_shapes_distinct(qapp):
    """At 16 px the blue frame, the white bubble and the blue arrow must each still be there."""
    image = QImage(str(make_icons.ICON_DIR / "mmexport-16.png"))
    assert (image.width(), image.height()) == (16, 16)
    white = sum(1 for x in range(16) for y in range(16) if image.pixelColor(x, y).lightness() > 230)
    blue = sum(
        1
        for x in range(16)
        for y in range(16)
        if image.pixelColor(x, y).blue() > 150 and image.pixelColor(x, y).red() < 80
    )
    assert white >= 40 and blue >= 60
    centre = image.pixelColor(8, 5)  # the arrow's shaft, inside the bubble
    assert centre.blue() > 150 and centre.red() < 80


def test_ico_holds_every_windows_size_as_png():
    data = (make_icons.ICON_DIR / "mmexport.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    sizes = []
    for index in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data) and width == height
        sizes.append(width or 256)
    assert sorted(sizes) == sorted(make_icons.ICO_SIZES)


def test_icns_holds_the_retina_sizes():
    data = (make_icons.ICON_DIR / "mmexport.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    offset, types = 8, []
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack_from(">I", data, offset + 4)[0]
        assert data[offset + 8 : offset + 16] == b"\x89PNG\r\n\x1a\n"
        types.append(kind)
        offset += length
    assert offset == len(data)
    assert {b"ic10", b"ic14", b"ic07", b"icp4"} <= set(types)
