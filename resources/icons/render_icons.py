"""Renders mmexport.svg into the PNG sizes the program and the installers use. Run after editing the SVG:
QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/render_icons.py"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> None:
    here = Path(__file__).resolve().parent
    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(here / "mmexport.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(here / f"mmexport-{size}.png"))
    app.processEvents()


if __name__ == "__main__":
    main()
