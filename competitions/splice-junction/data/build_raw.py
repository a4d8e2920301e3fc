"""Builds dna_splice.csv.gz, the raw file of this competition, from the R export mlbench__DNA_sequence.csv.

Input: `Rscript export_dna.R` (this folder) writes mlbench__DNA_sequence.csv, mlbench::DNA from r-cran-mlbench
2.1-3-1 with the 180 indicator columns decoded back to 60-letter nucleotide sequences (3,186 rows: sequence, Class).
This script then

* removes exact duplicate lines (same sequence and class), keeping the first: 184 of them;
* adds `overlap_group`, the split's group key: two sequences are in one group when they share any 20-letter
  substring, directly or through a chain of such sequences (union-find, in file order; the group is numbered by
  its first row). The windows were cut from GenBank genes, so one gene gives several overlapping windows whose
  classes follow from each other; the competition's group split keeps each group on one side, so no test
  sequence shares 20 letters with a training sequence.

Run with Debian's interpreter, standard library only:
    Rscript export_dna.R && /usr/bin/python3 build_raw.py mlbench__DNA_sequence.csv
It checks the SHA-256 of the input and of the CSV it writes, so a rebuild reproduces the committed data or fails.
"""
import csv
import gzip
import hashlib
import io
import os
import sys

SOURCE_SHA256 = "8bde8b36d50b48d6e0753cb6a36aee3cbf093caba1c592a88fd41778b7bfd496"
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dna_splice.csv.gz")
OUTPUT_CSV_SHA256 = "546ca2d5f1414f81c64a947b6bbd52526e87cd360880f7ce2732b11e38072bb6"  # of the uncompressed CSV, so a different zlib cannot fail the check
K = 20


def main(source):
    data = open(source, "rb").read()
    sha = hashlib.sha256(data).hexdigest()
    if sha != SOURCE_SHA256:
        sys.exit(f"{source}: SHA-256 {sha} is not the expected {SOURCE_SHA256}; re-run export_dna.R with r-cran-mlbench 2.1-3-1")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    if rows[0] != ["sequence", "Class"]:
        sys.exit(f"unexpected header {rows[0]}")
    seen, kept = set(), []
    for sequence, label in rows[1:]:
        if (sequence, label) not in seen:
            seen.add((sequence, label))
            kept.append((sequence, label))

    parent = list(range(len(kept)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner = {}
    for i, (sequence, _) in enumerate(kept):
        for start in range(len(sequence) - K + 1):
            other = owner.setdefault(sequence[start:start + K], i)
            a, b = find(i), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)  # the smaller index stays the root: groups are named by their first row

    out = io.StringIO()
    out.write('"sequence","overlap_group","Class"\n')
    for i, (sequence, label) in enumerate(kept):
        out.write(f'"{sequence}",{find(i) + 1},"{label}"\n')
    text = out.getvalue().encode("utf-8")
    out_sha = hashlib.sha256(text).hexdigest()
    if out_sha != OUTPUT_CSV_SHA256:
        sys.exit(f"the rebuilt CSV has SHA-256 {out_sha}, not the committed {OUTPUT_CSV_SHA256}")
    with open(OUTPUT, "wb") as handle:
        handle.write(gzip.compress(text, compresslevel=9, mtime=0))
    groups = len({find(i) for i in range(len(kept))})
    print(f"{len(kept)} rows ({len(rows) - 1 - len(kept)} duplicates removed) in {groups} overlap groups -> {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1])
