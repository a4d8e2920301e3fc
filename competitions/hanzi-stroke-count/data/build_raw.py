"""Builds hanzi_strokes.csv.gz, the raw file of hanzi-stroke-count: rendered glyphs of Chinese characters with
their stroke counts.

Characters: the 8,105 characters of the Table of General Standard Chinese Characters (Tongyong Guifan Hanzi Biao,
2013; Unihan field kTGH), of which the font below covers 7,906; rows are in the table's order (roughly by
frequency). Label: Unihan kTotalStrokes, the first value where there are two (the first is the mainland zh-Hans
count, which matches the font's mainland glyph shapes; only two characters, U+8303 and U+9AA8, have two values).
Image: the character drawn with WenQuanYi Zen Hei (face 0 of wqy-zenhei.ttc) in white on black at 112 px, centred
on a 128 x 128 canvas by its advance width and the font's ascender/descender (PIL anchor "mm", the same box for
every character, so position and size are not normalised per glyph), then reduced to 32 x 32 by averaging 4 x 4
blocks (PIL BOX filter). Pixels are 0-255, row-major, pixel0 = top left.

Columns: char (U+XXXX; dropped by the competition spec, kept here for provenance), strokes, pixel0 ... pixel1023.

Run with Debian's interpreter (python3-pil 9.4.0 with FreeType 2.12.1, python3-fonttools), no network:
    /usr/bin/python3 data/build_raw.py
Inputs: unicode-data 15.0.0-1 (/usr/share/unicode/Unihan_OtherMappings.txt.bz2, Unihan_IRGSources.txt.bz2) and
fonts-wqy-zenhei 0.9.45-8 (/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc). The script checks the SHA-256 of every
input and of its output, so a rebuild either reproduces the committed file byte for byte or fails (another
FreeType or PIL version may anti-alias differently; compare the decompressed CSV in that case).
"""
import bz2
import csv
import gzip
import hashlib
import io
import os
import sys

from fontTools.ttLib import TTCollection
from PIL import Image, ImageDraw, ImageFont

UNIHAN = "/usr/share/unicode"
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
INPUTS = {
    f"{UNIHAN}/Unihan_OtherMappings.txt.bz2": "bdeef44d75d914e793b7f27ddc3bee01b2d11dd34f4e52de1a9fba74a1612dc2",
    f"{UNIHAN}/Unihan_IRGSources.txt.bz2": "52e6e55d22dd124d61dfbb845033fe354caf9a62ab84ac89aa0c374b0f8b99c5",
    FONT: "79c18ebe7b811951e8311bad7103ebeae8c337ed9988ea69e8a78a66cfe029b9",
}
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hanzi_strokes.csv.gz")
OUTPUT_SHA256 = "445ba9fc54c5d9722a2fffb508893126ed0351012632288f0d22554c54dcde49"  # the committed file
SIZE = 32
SCALE = 4
FONT_PX = 112


def check(path, expected):
    sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
    if expected and sha != expected:
        sys.exit(f"{path}: SHA-256 {sha} is not the expected {expected}")
    return sha


def field(path, name):
    values = {}
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, key, value = line.rstrip("\n").split("\t")
            if key == name:
                values[int(code[2:], 16)] = value
    return values


def main():
    for path, expected in INPUTS.items():
        print(f"{path}: {check(path, expected)}")
    tgh = field(f"{UNIHAN}/Unihan_OtherMappings.txt.bz2", "kTGH")  # "2013:1234", the position in the table
    strokes = field(f"{UNIHAN}/Unihan_IRGSources.txt.bz2", "kTotalStrokes")
    covered = TTCollection(FONT).fonts[0].getBestCmap()
    chars = sorted((int(position.split(":")[1]), code) for code, position in tgh.items() if code in covered)
    font = ImageFont.truetype(FONT, FONT_PX, index=0)
    big = SIZE * SCALE

    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["char", "strokes"] + [f"pixel{i}" for i in range(SIZE * SIZE)])
    for _, code in chars:
        canvas = Image.new("L", (big, big), 0)
        ImageDraw.Draw(canvas).text((big / 2, big / 2), chr(code), fill=255, font=font, anchor="mm")
        pixels = list(canvas.resize((SIZE, SIZE), Image.BOX).getdata())
        writer.writerow([f"U+{code:04X}", strokes[code].split()[0]] + pixels)
    # mtime=0 and no file name in the gzip header, so the bytes depend only on the content (and zlib).
    packed = gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    sha = hashlib.sha256(packed).hexdigest()
    if OUTPUT_SHA256 and sha != OUTPUT_SHA256:
        sys.exit(f"built file has SHA-256 {sha}, expected {OUTPUT_SHA256}")
    with open(OUTPUT, "wb") as f:
        f.write(packed)
    print(f"{OUTPUT}: {len(chars)} characters of {len(tgh)} in kTGH, SHA-256 {sha}")


if __name__ == "__main__":
    main()
