"""Builds unihan_cantonese.csv.gz, the raw file of this competition, from the Unihan database of Debian's unicode-data.

Sources (unicode-data 15.0.0-1, bookworm; Unicode 15.0):
  /usr/share/unicode/Unihan_Readings.txt.bz2   kMandarin, kCantonese, kDefinition
  /usr/share/unicode/Unihan_Variants.txt.bz2   kSimplifiedVariant, kTraditionalVariant, kSemanticVariant,
                                               kSpecializedSemanticVariant, kZVariant, kSpoofingVariant
  /usr/share/unicode/Unihan_IRGSources.txt.bz2 kCompatibilityVariant
Each line is "U+XXXX<TAB>field<TAB>value".

Steps:
  1. Keep every character with both kMandarin and kCantonese (25,437 in Unicode 15.0). Columns: character (the
     character itself), mandarin (kMandarin verbatim: pinyin with tone marks, occasionally two readings separated
     by a space), definition (kDefinition, empty when absent), jyutping (kCantonese; Unicode 15.0 gives one
     reading per character, so this is also "the first reading").
  2. Definitions that quote a romanised reading ("(Cant., saa1) a kind of cookie", "a measure of 16 dou3") have
     every token of letters followed by a tone digit 1-6 replaced by "[reading]": the Cantonese one would be the
     answer itself.
  3. Group key "cluster", the split's group column: characters linked by any variant field above, or by a
     definition that names another character ("same as U+8A1F 訟", "a simplified form of 籔"), are joined
     (union-find over the links, among all characters of the database), as are characters with the same
     non-empty definition and the same Mandarin reading (variants no field links); a cluster is named by its
     smallest code point. Simplified and traditional forms (门/門) share reading and meaning, so they must not
     sit on both sides of the split.

Run with Debian's interpreter, standard library only:
    /usr/bin/python3 data/build_raw.py [/usr/share/unicode]
The script checks the SHA-256 of its inputs and of its output, so a rebuild either reproduces the committed
file byte for byte or fails.
"""
import bz2
import collections
import csv
import gzip
import hashlib
import io
import os
import re
import sys

SOURCE = "/usr/share/unicode"
SOURCES = {
    "Unihan_Readings.txt.bz2": "216d9e19e44195522b84a05bf7308e385356615121258869faf919e96824ddd5",
    "Unihan_Variants.txt.bz2": "42f42d18fe0368ca8dfb76d91bb2612b4bb34fe7960a4aa770687c0bf48a0cce",
    "Unihan_IRGSources.txt.bz2": "52e6e55d22dd124d61dfbb845033fe354caf9a62ab84ac89aa0c374b0f8b99c5",
}
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "unihan_cantonese.csv.gz")
OUTPUT_SHA256 = "584e45b4e277b1cd49f1cdf947dc7e6b6921ae48e5e2c58c5d707011b18f38e3"  # the committed file
LINKS = {"kSimplifiedVariant", "kTraditionalVariant", "kSemanticVariant", "kSpecializedSemanticVariant",
         "kZVariant", "kSpoofingVariant", "kCompatibilityVariant"}
CODE_POINT = re.compile(r"U\+([0-9A-F]{4,6})")
ROMANISED = re.compile(r"\b[a-z]+[1-6]\b")
# CJK unified ideographs (the URO, extensions A to H) and the compatibility ideographs.
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def fields(data, wanted):
    table = collections.defaultdict(dict)
    for line in bz2.decompress(data).decode("utf-8").split("\n"):
        if line and not line.startswith("#"):
            code, field, value = line.split("\t")
            if field in wanted:
                table[code][field] = value
    return table


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    blobs = {}
    for name, expected in SOURCES.items():
        blobs[name] = open(os.path.join(folder, name), "rb").read()
        sha = hashlib.sha256(blobs[name]).hexdigest()
        if sha != expected:
            sys.exit(f"{name}: SHA-256 {sha} is not the expected {expected} (unicode-data 15.0.0-1)")
    readings = fields(blobs["Unihan_Readings.txt.bz2"], {"kMandarin", "kCantonese", "kDefinition"})
    links = fields(blobs["Unihan_Variants.txt.bz2"], LINKS)
    for code, values in fields(blobs["Unihan_IRGSources.txt.bz2"], LINKS).items():
        links[code].update(values)

    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for code, values in links.items():
        for value in values.values():
            for target in CODE_POINT.findall(value):
                union(int(code[2:], 16), int(target, 16))
    for code, values in readings.items():
        definition = values.get("kDefinition", "")
        for target in CODE_POINT.findall(definition):
            union(int(code[2:], 16), int(target, 16))
        for character in HAN.findall(definition):  # "(a simplified form of 籔)" names it without a code point
            union(int(code[2:], 16), ord(character))

    # Unlinked variants: the same non-empty definition with the same Mandarin reading (several forms glossed
    # "alkaline, alkali, lye, salt" or "mine; mineral, ore" that no variant field connects).
    first_with = {}
    for code, values in readings.items():
        if values.get("kDefinition") and "kMandarin" in values and "kCantonese" in values:
            key = (values["kMandarin"], values["kDefinition"])
            union(int(code[2:], 16), first_with.setdefault(key, int(code[2:], 16)))

    rows = []
    for code in sorted(readings, key=lambda c: int(c[2:], 16)):
        values = readings[code]
        if "kMandarin" in values and "kCantonese" in values:
            point = int(code[2:], 16)
            definition = ROMANISED.sub("[reading]", values.get("kDefinition", ""))
            rows.append([chr(point), values["kMandarin"], definition, values["kCantonese"].split(" ")[0],
                         f"U+{find(point):04X}"])
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["character", "mandarin", "definition", "jyutping", "cluster"])
    writer.writerows(rows)
    # mtime=0 and no file name in the gzip header, so the bytes depend only on the content (and zlib).
    packed = gzip.compress(out.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    out_sha = hashlib.sha256(packed).hexdigest()
    if out_sha != OUTPUT_SHA256:
        sys.exit(f"built file has SHA-256 {out_sha}, expected {OUTPUT_SHA256} (a different zlib may compress "
                 "differently; compare the decompressed CSV instead)")
    with open(OUTPUT, "wb") as f:
        f.write(packed)
    sizes = collections.Counter(r[4] for r in rows)
    print(f"{len(rows)} characters, {len(sizes)} clusters (largest {max(sizes.values())}, "
          f"{sum(1 for v in sizes.values() if v > 1)} with 2 or more characters)")
    print(f"{OUTPUT}: SHA-256 {out_sha}")


if __name__ == "__main__":
    main()
