"""Make NotoSansSC-Subset.ttf: Noto Sans CJK SC (Regular) cut to the 3,755 common Chinese characters
(GB 2312 level 1) with CJK punctuation and full-width forms, its CFF outlines converted to TrueType
(quadratic) outlines, which ReportLab can embed. Run with fontTools installed:
    python make_cjk.py NotoSansCJK-Regular.ttc NotoSansSC-Subset.ttf
"""

import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable

source, target = sys.argv[1], sys.argv[2]
collection = TTCollection(source)
font = next(f for f in collection.fonts if "SC" in f["name"].getDebugName(1))
chars = set()
for first in range(0xB0, 0xD8):
    for second in range(0xA1, 0xFF):
        try:
            chars.add(ord(bytes([first, second]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
chars |= (
    set(range(0x3000, 0x3040))
    | set(range(0xFF00, 0xFFF0))
    | {0x20, 0xB7, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026}
)
options = subset.Options()
options.layout_features = ["*"]
options.name_IDs = ["*"]
options.notdef_outline = True
options.hinting = False
subsetter = subset.Subsetter(options)
subsetter.populate(unicodes=chars)
subsetter.subset(font)
# CFF → glyf
glyph_order = font.getGlyphOrder()
glyph_set = font.getGlyphSet()
glyf = newTable("glyf")
glyf.glyphOrder = glyph_order
glyf.glyphs = {}
for name in glyph_order:
    pen = TTGlyphPen(glyph_set)
    glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
    glyf[name] = pen.glyph()
font["glyf"] = glyf
font["loca"] = newTable("loca")
del font["CFF "]
if "VORG" in font:
    del font["VORG"]
maxp = font["maxp"]
maxp.tableVersion = 0x00010000
for attr in (
    "maxZones",
    "maxTwilightPoints",
    "maxStorage",
    "maxFunctionDefs",
    "maxInstructionDefs",
    "maxStackElements",
    "maxSizeOfInstructions",
    "maxComponentElements",
):
    setattr(maxp, attr, 0)
maxp.maxZones = 1
font["head"].indexToLocFormat = 0
font["head"].glyphDataFormat = 0
font["post"].formatType = 3.0
font.sfntVersion = "\x00\x01\x00\x00"
font.save(target)
print(target, len(chars), "characters")
