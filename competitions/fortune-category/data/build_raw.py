"""Builds fortunes.csv.gz, the raw file of this competition, from the category files of Debian's fortunes package.

Source: /usr/share/games/fortunes/<category> of fortunes 1:1.99.1-7.3 (bookworm). A category file holds records
separated by lines consisting of a single "%". The file name is the category (the target).

Steps:
  1. Read every category file except ascii-art (10 pictures), translate-me (12 untranslated foreign-language
     fortunes), pratchett (1 record) and linuxcookie (85 of its 103 records are re-wrapped copies of linux
     fortunes; the 18 left would be a class too small to score). The offensive set (package fortunes-off) is not
     installed and not read.
     The .dat index files and the .u8 symlinks are skipped.
  2. Split on "\\n%\\n"; strip leading and trailing newlines of each record (not spaces or tabs: indentation
     is kept); drop empty records. The text is otherwise kept verbatim (tabs, line breaks, the odd backspace
     overstrike and bell character of the original files).
  3. Near-duplicates: two records are the same fortune when the first 60 characters of their normalised text
     (lower-cased, every run of characters other than a-z and 0-9 collapsed to one space, ends trimmed) are
     equal. This catches exact copies as well as the same quotation re-wrapped, re-punctuated or with another
     attribution line. A group whose records come from two or more categories is dropped entirely (its label
     is ambiguous and a copy on each side of the split would be a free answer); a group within one category
     keeps its first record (files in name order, records in file order).

Run with Debian's interpreter, standard library only:
    /usr/bin/python3 data/build_raw.py [/usr/share/games/fortunes]
The script checks the SHA-256 of its inputs and of its output, so a rebuild either reproduces the committed
file byte for byte or fails.
"""
import collections
import csv
import gzip
import hashlib
import io
import os
import re
import sys

SOURCE = "/usr/share/games/fortunes"
EXCLUDED = {"ascii-art", "translate-me", "pratchett", "linuxcookie"}
# SHA-256 over the lines "<name> <sha256 of the file>\n" of the files read, in name order.
SOURCE_SHA256 = "4658d2d7a4ff6acaf9c1212febe960a8721a51f9084a59a5ba4b6d9e257597be"
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fortunes.csv.gz")
OUTPUT_SHA256 = "f34c0e576962f2670f9d419e7c1c75d6ae01d6a10f9628d25884de0ca955d2d0"  # the committed file
PREFIX = 60


def key(text):
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()[:PREFIX]


def read(folder):
    names = sorted(n for n in os.listdir(folder)
                   if "." not in n and n not in EXCLUDED and not os.path.islink(os.path.join(folder, n)))
    digest = hashlib.sha256()
    records = []
    for name in names:
        data = open(os.path.join(folder, name), "rb").read()
        digest.update(f"{name} {hashlib.sha256(data).hexdigest()}\n".encode())
        for part in ("\n" + data.decode("utf-8")).split("\n%\n"):
            text = part.strip("\n")
            if text.strip():
                records.append((name, text))
    return names, digest.hexdigest(), records


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    names, sha, records = read(folder)
    if sha != SOURCE_SHA256:
        sys.exit(f"{folder}: files digest {sha} is not the expected {SOURCE_SHA256} (fortunes 1:1.99.1-7.3)")
    categories = collections.defaultdict(set)
    for name, text in records:
        categories[key(text)].add(name)
    kept, seen = [], set()
    for name, text in records:
        k = key(text)
        if len(categories[k]) > 1 or k in seen:
            continue
        seen.add(k)
        kept.append([text, name])
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["fortune", "category"])
    writer.writerows(kept)
    # mtime=0 and no file name in the gzip header, so the bytes depend only on the content (and zlib).
    packed = gzip.compress(out.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    out_sha = hashlib.sha256(packed).hexdigest()
    if out_sha != OUTPUT_SHA256:
        sys.exit(f"built file has SHA-256 {out_sha}, expected {OUTPUT_SHA256} (a different zlib may compress "
                 "differently; compare the decompressed CSV instead)")
    with open(OUTPUT, "wb") as f:
        f.write(packed)
    cross = sum(1 for v in categories.values() if len(v) > 1)
    print(f"{len(names)} files, inputs digest {sha}; {len(records)} records, {cross} near-duplicate groups across "
          f"categories dropped, {len(kept)} kept")
    print(f"{OUTPUT}: SHA-256 {out_sha}")


if __name__ == "__main__":
    main()
