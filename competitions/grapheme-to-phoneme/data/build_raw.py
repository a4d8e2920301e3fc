"""Builds cmudict.csv.gz, the raw file of this competition, from the CMU Pronouncing Dictionary as shipped by Debian.

Source: /usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict of pocketsphinx-en-us 0.8+5prealpha+1-15
(bookworm): 134,723 lines "word PH ON EMES", lower-case words, 39 ARPAbet phonemes without stress marks;
a word's further pronunciations are listed as "word(2)", "word(3)".

Steps:
  1. Keep the first pronunciation of each word (the line without a "(n)" suffix) and drop the 8,778 variant
     lines: the task has one reference per word (documented in description.md).
  2. Keep words made of the letters a-z and apostrophes (at least one letter): 1,141 entries with hyphens,
     full stops or digits ("a.m.", "ad-hoc", "m-80") are dropped; they are abbreviations and compounds whose
     pronunciation is that of their parts or letter names.
  3. Add the group key "family", the split's group column: a crude stemmer that strips outer apostrophes and
     then, repeatedly, the longest matching suffix of SUFFIXES below while at least 3 letters remain, then a
     final "e" or "i", then one letter of a final double consonant (walk, walks, walk's, walked, walking,
     walker -> walk; make, making, maker -> mak; happy, happily, happiness -> hap). Words sharing a family
     go to the same side of the split, so a test word's inflections and derivations are not in the training set.

Run with Debian's interpreter, standard library only:
    /usr/bin/python3 data/build_raw.py [/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict]
The script checks the SHA-256 of its input and of its output, so a rebuild either reproduces the committed
file byte for byte or fails.
"""
import csv
import gzip
import hashlib
import io
import os
import re
import sys

SOURCE = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
SOURCE_SHA256 = "9de99dd2a24b63c653c1c30ab39388d05185cae36d0875f15c319b4ad6dc43af"
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cmudict.csv.gz")
OUTPUT_SHA256 = "bfc4a363ee022e539cf1fd411f379dd7cd5ac447a5b9d2daa44657dfac3d77a7"  # the committed file
SUFFIXES = sorted(["'s", "s'", "'", "s", "es", "ed", "ing", "ings", "er", "ers", "est", "ly", "ness", "ment", "ments",
                   "able", "ism", "isms", "ist", "ists", "ation", "ations", "al", "y", "ies", "ied", "ier", "iest",
                   "ily"], key=lambda s: (-len(s), s))


def family(word):
    stem = word.strip("'")
    changed = True
    while changed:
        changed = False
        for suffix in SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                stem = stem[:-len(suffix)]
                changed = True
                break
    if len(stem) > 3 and stem[-1] in "ei":
        stem = stem[:-1]
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
        stem = stem[:-1]
    return stem


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    data = open(path, "rb").read()
    sha = hashlib.sha256(data).hexdigest()
    if sha != SOURCE_SHA256:
        sys.exit(f"{path}: SHA-256 {sha} is not the expected {SOURCE_SHA256} (pocketsphinx-en-us 0.8+5prealpha+1-15)")
    rows, variants, dropped = [], 0, 0
    for line in data.decode("utf-8").split("\n"):
        if not line:
            continue
        word, pronunciation = line.split(" ", 1)
        if re.search(r"\(\d+\)$", word):
            variants += 1
        elif not re.fullmatch(r"[a-z']*[a-z][a-z']*", word):
            dropped += 1
        else:
            rows.append([word, pronunciation, family(word)])
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["word", "pronunciation", "family"])
    writer.writerows(rows)
    # mtime=0 and no file name in the gzip header, so the bytes depend only on the content (and zlib).
    packed = gzip.compress(out.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    out_sha = hashlib.sha256(packed).hexdigest()
    if out_sha != OUTPUT_SHA256:
        sys.exit(f"built file has SHA-256 {out_sha}, expected {OUTPUT_SHA256} (a different zlib may compress "
                 "differently; compare the decompressed CSV instead)")
    with open(OUTPUT, "wb") as f:
        f.write(packed)
    print(f"{len(rows)} words kept ({variants} variant pronunciations and {dropped} words with other characters "
          f"dropped), {len({r[2] for r in rows})} families")
    print(f"{OUTPUT}: SHA-256 {out_sha}")


if __name__ == "__main__":
    main()
