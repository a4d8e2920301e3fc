"""Builds faa_birdstrikes.csv.gz, the raw file of this competition, from vega-datasets' birdstrikes.csv.

Source: the npm package vega-datasets@3.2.1 (pinned in data-packages/), file data/birdstrikes.csv: 10,000 wildlife
strike reports of the U.S. FAA Wildlife Strike Database, 1990-2002, 14 columns, no quoted fields. Two changes,
line by line, so every kept line is byte-identical to the source:

* the 15 rows whose damage code is `B` (1) or `C` (14) are removed: they are not among the FAA's damage levels
  (None, Minor, Medium, Substantial), so they have no place on the ordinal scale the competition scores;
* exact duplicate lines are removed, keeping the first (24 lines): two identical reports of the same airport,
  date, aircraft, operator, phase, species and costs are one strike entered twice, and a copy in train would
  hand its twin in test the answer.

Run with Debian's interpreter, standard library only (after `npm ci --prefix data-packages`):
    /usr/bin/python3 competitions/birdstrike-damage/data/build_raw.py data-packages/node_modules/vega-datasets/data/birdstrikes.csv
It checks the SHA-256 of the input and of the CSV it writes, so a rebuild reproduces the committed data or fails.
"""
import gzip
import hashlib
import os
import sys

SOURCE_SHA256 = "45777edf69984b37599e73dbfb34dbc976055243547407214261a4fcb9466462"
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "faa_birdstrikes.csv.gz")
OUTPUT_CSV_SHA256 = "7a00420df452a638b07f7d325dbeb5652ebdef8813f6dbff6dad50ca4ae62499"  # of the uncompressed CSV, so a different zlib cannot fail the check
UNRANKED_DAMAGE = {"B", "C"}


def main(source):
    data = open(source, "rb").read()
    sha = hashlib.sha256(data).hexdigest()
    if sha != SOURCE_SHA256:
        sys.exit(f"{source}: SHA-256 {sha} is not the expected {SOURCE_SHA256}; use vega-datasets@3.2.1")
    lines = data.decode("utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    damage = header.index("Effect Amount of damage")
    kept, seen, unranked, duplicates = [lines[0]], set(), 0, 0
    for line in lines[1:]:
        if line.rstrip("\n").split(",")[damage] in UNRANKED_DAMAGE:
            unranked += 1
        elif line in seen:
            duplicates += 1
        else:
            seen.add(line)
            kept.append(line)
    text = "".join(kept).encode("utf-8")
    out_sha = hashlib.sha256(text).hexdigest()
    if out_sha != OUTPUT_CSV_SHA256:
        sys.exit(f"the rebuilt CSV has SHA-256 {out_sha}, not the committed {OUTPUT_CSV_SHA256}")
    with open(OUTPUT, "wb") as handle:
        handle.write(gzip.compress(text, compresslevel=9, mtime=0))
    print(f"{len(kept) - 1} rows kept; {unranked} with damage B/C and {duplicates} duplicate lines removed -> {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1])
