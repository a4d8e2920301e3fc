"""Builds emoji_images.csv.gz, the raw file of emoji-category: Google's Noto emoji images, downscaled, with their
Unicode emoji category.

Source: the npm package emoji-datasource-google@16.0.0 (Cal Henderson's emoji-data; images from Noto Emoji v2.048,
Apache-2.0), unpacked from its tarball:
    npm pack emoji-datasource-google@16.0.0 && tar xzf emoji-datasource-google-16.0.0.tgz   # gives package/
    /usr/bin/python3 data/build_raw.py package
Needs Debian's python3-pil 9.4.0; no network. The script checks the SHA-256 of the package's emoji.json and of
its output, so a rebuild either reproduces the committed file byte for byte or fails.

Rows: every emoji of emoji.json and every skin-tone variant (skin_variations) with a Google image, except the 5 of
category Component (skin-tone swatches and hair pieces, not emoji on their own): 3,781 images, in emoji.json
order, each base emoji followed by its variants.
Image: img/google/64/<image> (64 x 64 RGBA) composited onto white, converted to RGB and reduced to 32 x 32 by
averaging 2 x 2 blocks (PIL BOX). Columns r0, g0, b0, r1, g1, b1, ... r1023, g1023, b1023 hold the red, green
and blue values of pixel k, row-major from the top left (the modified form of the Apache-2.0 images; see
NOTICE.md).
Other columns: unified (the emoji's code point sequence; provenance, dropped by the competition spec), category
(the target: emoji.json's category) and group (the split key, dropped by the spec): images that must stay on one
side of the split share it. Two images share a group when
  * one is a skin-tone variant of the other, or their code point sequences become equal once skin-tone modifiers,
    variation selectors, zero-width joiners and (in joined sequences) gender signs are removed and man / woman /
    person (likewise boy / girl / child and old man / old woman / older person) are treated as one: "woman
    running", "man running" and "person running" with every skin tone are one group; or
  * their 64 x 64 RGBA pixels are identical (flags shared by several regions, such as Norway / Svalbard /
    Bouvet Island, and a few families drawn alike);
taken transitively. The group label is the unified sequence of the group's first image.
"""
import collections
import csv
import gzip
import hashlib
import io
import json
import os
import sys

from PIL import Image

EMOJI_JSON_SHA256 = "1d602e65be88772bf8cc368ce16b855d719eeddbafe128d471b80203f494d29f"
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "emoji_images.csv.gz")
OUTPUT_SHA256 = "a9b0a108ff607ced99a63485e30d700602205ec7330f02f6bbd4a8fd24349874"  # the committed file
SIDE = 32
SKIN_TONES = {"1F3FB", "1F3FC", "1F3FD", "1F3FE", "1F3FF"}
GENDER_SIGNS = {"2640", "2642"}
PEOPLE = {
    "1F468": "P", "1F469": "P", "1F9D1": "P",  # man, woman, person
    "1F466": "C", "1F467": "C", "1F9D2": "C",  # boy, girl, child
    "1F474": "O", "1F475": "O", "1F9D3": "O",  # old man, old woman, older person
}


def family_key(unified):
    points = unified.split("-")
    joined = "200D" in points
    kept = [
        PEOPLE.get(p, p) for p in points
        if p not in ("FE0F", "200D") and p not in SKIN_TONES and not (joined and p in GENDER_SIGNS)
    ]
    return "-".join(kept) or unified


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: /usr/bin/python3 data/build_raw.py PACKAGE_DIR")
    root = sys.argv[1]
    meta = open(os.path.join(root, "emoji.json"), "rb").read()
    sha = hashlib.sha256(meta).hexdigest()
    if EMOJI_JSON_SHA256 and sha != EMOJI_JSON_SHA256:
        sys.exit(f"emoji.json: SHA-256 {sha} is not the expected {EMOJI_JSON_SHA256}; unpack emoji-datasource-google@16.0.0")
    print(f"emoji.json SHA-256 {sha}")

    entries = []  # (unified, base unified, category, image file)
    for emoji in json.loads(meta):
        if emoji["category"] == "Component" or not emoji["has_img_google"]:
            continue
        entries.append((emoji["unified"], emoji["unified"], emoji["category"], emoji["image"]))
        for variant in emoji.get("skin_variations", {}).values():
            if variant["has_img_google"]:
                entries.append((variant["unified"], emoji["unified"], emoji["category"], variant["image"]))

    parent = list(range(len(entries)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    members = collections.defaultdict(list)
    pixels = []
    for i, (unified, base, _, image) in enumerate(entries):
        rgba = Image.open(os.path.join(root, "img", "google", "64", image)).convert("RGBA")
        members[("base", base)].append(i)
        members[("family", family_key(unified))].append(i)
        members[("pixels", hashlib.sha256(rgba.tobytes()).hexdigest())].append(i)
        canvas = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        canvas.alpha_composite(rgba)
        small = canvas.convert("RGB").resize((SIDE, SIDE), Image.BOX)
        pixels.append([v for rgb in small.getdata() for v in rgb])  # r0, g0, b0, r1, ...
    for group in members.values():
        for j in group[1:]:
            parent[find(j)] = find(group[0])
    first = {}
    for i in range(len(entries)):
        first.setdefault(find(i), entries[i][0])

    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    planes = [f"{c}{k}" for k in range(SIDE * SIDE) for c in "rgb"]
    writer.writerow(["unified", "category", "group"] + planes)
    for i, (unified, _, category, _) in enumerate(entries):
        writer.writerow([unified, category, first[find(i)]] + pixels[i])
    # mtime=0 and no file name in the gzip header, so the bytes depend only on the content (and zlib).
    packed = gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    sha = hashlib.sha256(packed).hexdigest()
    if OUTPUT_SHA256 and sha != OUTPUT_SHA256:
        sys.exit(f"built file has SHA-256 {sha}, expected {OUTPUT_SHA256}")
    with open(OUTPUT, "wb") as f:
        f.write(packed)
    print(f"{OUTPUT}: {len(entries)} images in {len(first)} groups, SHA-256 {sha}")


if __name__ == "__main__":
    main()
