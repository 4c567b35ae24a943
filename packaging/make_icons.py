"""Draw the app's icon files from resources/icons/ocplan.svg with Qt's SVG renderer:

- ocplan.png: 256 × 256, for the Linux desktop (packaging/install-desktop.sh);
- ocplan.ico: 16 to 256 pixels in one file (PNG images inside, as Windows Vista and later read
  them), for the Windows bundle (packaging/ocplan.spec).

The results are committed; run `python packaging/make_icons.py` again only when the SVG changes.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An ICO file holding each PNG: header, one 16-byte entry per image, then the images."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    QGuiApplication(sys.argv[:1])
    svg = ICONS / "ocplan.svg"
    images = {size: render(svg, size) for size in SIZES}
    (ICONS / "ocplan.png").write_bytes(images[256])
    (ICONS / "ocplan.ico").write_bytes(ico(images))
    print(f"wrote {ICONS / 'ocplan.png'} and {ICONS / 'ocplan.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
