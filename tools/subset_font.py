"""Cut the Chinese font the figures draw with: Noto Sans CJK SC, reduced to the characters the
book's figures can use.

    apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb /tmp/noto
    python tools/subset_font.py /tmp/noto/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

The characters are read from the sources, not listed here: every CJK character in the code cells
of ``book/*.ipynb``, in ``gan_tutorial/**/*.py`` (where the figures' labels are written) and in
the results the package ships, ``gan_tutorial/data/*.json`` (labels saved with them), plus
every CJK punctuation mark and full-width form (，：（）「」 and the like), so a new label's
punctuation needs no new font. It writes ``gan_tutorial/data/NotoSansCJKsc-Subset.ttf`` (family
"Noto Sans CJK SC Subset", so it never shadows an installed Noto Sans CJK SC), which
``gan_tutorial.notebook.figure_fonts()`` registers; ``gan_tutorial/data/OFL.txt`` is the font's
licence. The same input gives the same file byte for byte. ``tests/test_fonts.py`` fails, naming
the characters and this command, when a source uses a character the shipped font lacks.

fontTools is needed (matplotlib depends on it, so the book's environment has it).
"""

import argparse
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "gan_tutorial" / "data" / "NotoSansCJKsc-Subset.ttf"
SOURCE_FAMILY = "Noto Sans CJK SC"
FAMILY = "Noto Sans CJK SC Subset"
POSTSCRIPT_NAME = "NotoSansCJKsc-Subset"
COMMAND = "python tools/subset_font.py PATH/TO/NotoSansCJK-Regular.ttc"

# CJK characters: Unified Ideographs and Extension A, Compatibility Ideographs, CJK Symbols and
# Punctuation (「」。、), Halfwidth and Fullwidth Forms (，：（）).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
PUNCTUATION = [chr(c) for c in (*range(0x3000, 0x3040), *range(0xFF00, 0xFFF0))]


# Package modules whose Chinese is printed as text, never drawn in a figure: the exercises'
# verdicts (their glyphs come from the reader's own fonts, like the page's text).
TEXT_ONLY = ("verdicts.py",)


def source_texts(root=ROOT):
    """(path, text) of every source whose CJK characters a figure can draw: the code cells of
    the book's notebooks, the package's Python files (but ``TEXT_ONLY``) and its saved results."""
    for path in sorted((root / "book").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
        yield path.relative_to(root), "\n".join(code)
    for path in sorted((root / "gan_tutorial").rglob("*.py")):
        if path.name in TEXT_ONLY:
            continue
        yield path.relative_to(root), path.read_text(encoding="utf-8")
    for path in sorted((root / "gan_tutorial" / "data").glob("*.json")):
        yield path.relative_to(root), path.read_text(encoding="utf-8")


def used_characters(root=ROOT):
    """The CJK characters of ``source_texts``, as a sorted string."""
    return "".join(sorted({c for _, text in source_texts(root) for c in CJK.findall(text)}))


def _open_source(path):
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() in (".ttc", ".otc"):
        fonts = TTCollection(str(path), recalcTimestamp=False).fonts
    else:
        fonts = [TTFont(str(path), recalcTimestamp=False)]
    for font in fonts:
        if font["name"].getDebugName(1) == SOURCE_FAMILY:
            return font
    raise ValueError(f"font={str(path)!r} holds no {SOURCE_FAMILY!r} (NotoSansCJK-Regular.ttc)")


def _rename(font):
    """A new family name (the OFL asks a modified font to say so; it also keeps this subset
    from standing in for a full Noto Sans CJK SC installed on the machine)."""
    table = font["name"]
    version = table.getDebugName(5)
    names = {
        1: FAMILY,
        3: f"{POSTSCRIPT_NAME};{version} subset by gan-tutorial tools/subset_font.py",
        4: FAMILY,
        6: POSTSCRIPT_NAME,
        16: FAMILY,
        17: "Regular",
    }
    for record in list(table.names):
        if record.nameID in names or record.nameID in (16, 17, 18, 21, 22):
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)


def _to_truetype(font):
    """Replace the CFF outlines (cubic) by TrueType ones (quadratic, within 1 unit of 1000 per
    em), as fontTools' otf2ttf snippet does: matplotlib embeds a font in a PDF or PostScript
    file with ``pdf.fonttype``/``ps.fonttype`` 42 as TrueType, which a CFF font is not."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    outlines = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(outlines)
        outlines[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, glyphs
    del font["CFF "]
    glyf.compile(font)
    for name, glyph in glyphs.items():
        if hasattr(glyph, "xMin"):
            font["hmtx"][name] = (font["hmtx"][name][0], glyph.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones maxTwilightPoints maxStorage maxFunctionDefs maxInstructionDefs"
        " maxStackElements maxSizeOfInstructions maxComponentElements"
    ).split():
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font.sfntVersion = "\x00\x01\x00\x00"


def subset(source, output=OUTPUT, root=ROOT):
    """Write the subset of ``source`` (a .ttc/.otf holding Noto Sans CJK SC) to ``output``;
    the characters it holds."""
    from fontTools import subset as ftsubset

    font = _open_source(pathlib.Path(source))
    characters = sorted(set(used_characters(root)) | set(PUNCTUATION))
    cmap = font.getBestCmap()
    missing = [c for c in characters if ord(c) not in cmap]
    if any(c not in PUNCTUATION for c in missing):
        raise ValueError(f"{SOURCE_FAMILY} lacks {''.join(missing)!r}")
    options = ftsubset.Options()
    options.hinting = False  # matplotlib's FreeType rendering hints by itself
    options.layout_features = []  # matplotlib lays out text without OpenType features
    options.drop_tables += ["BASE", "VORG", "vhea", "vmtx"]  # nor vertical metrics
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14]
    options.notdef_outline = True
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters if c not in missing])
    subsetter.subset(font)
    _rename(font)
    _to_truetype(font)
    font.save(str(output))
    return "".join(c for c in characters if c not in missing)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], allow_abbrev=False)
    parser.add_argument("font", help="NotoSansCJK-Regular.ttc (Debian's fonts-noto-cjk)")
    parser.add_argument("--out", default=str(OUTPUT), help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)
    if not pathlib.Path(args.font).is_file():
        parser.exit(2, f"subset_font.py: error: font: no such file: {args.font}\n")
    try:
        characters = subset(args.font, pathlib.Path(args.out))
    except ValueError as error:
        parser.exit(2, f"subset_font.py: error: {error}\n")
    size = pathlib.Path(args.out).stat().st_size
    print(f"{args.out}: {len(characters)} characters, {size} bytes")


if __name__ == "__main__":
    sys.exit(main())
