"""Builds food_reviews.csv.gz, the raw file of this competition, from the two r-cran-modeldata exports.

modeldata ships the reviews already split (training_data: 4000 rows, testing_data: 1000 rows, split by product).
The preparer reads one raw file and makes its own seeded split, so the two are concatenated here (training rows
first, then testing rows) and exact duplicate reviews are removed: the same review text posted under several
product variants (28 rows, 7 of them across the package's own split) would otherwise land in both train and test.
Two reviews are duplicates when their lower-cased text with every run of non-alphanumeric characters collapsed to
one space is equal; the first occurrence is kept. Every field is written quoted, as R's write.csv wrote the sources.

Run with Debian's interpreter, standard library only:
    /usr/bin/python3 data/build_raw.py SRC_DIR
where SRC_DIR holds modeldata__training_data.csv.gz and modeldata__testing_data.csv.gz (exported with
`Rscript tools/export.R modeldata training_data ...` from r-cran-modeldata 1.1.0-1). The script checks the SHA-256
of both inputs and of its output, so a rebuild either reproduces the committed file byte for byte or fails.
"""
import csv
import gzip
import hashlib
import io
import os
import re
import sys

SOURCES = {
    "modeldata__training_data.csv.gz": "62aead2e0266d9c8d719c19b6700f5c83bdc1aa24ec5b4b4fe4e47246c55dd46",
    "modeldata__testing_data.csv.gz": "bfbb533d3df3b232067b3799044cd9953db35585f59449a997a3923f18dfff63",
}
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "food_reviews.csv.gz")
OUTPUT_SHA256 = "fae899da98d57e8a0f27808a4ab6845eb69ed7eee2543de844d61aee162a167d"  # the committed file


def read_rows(path, expected_sha):
    data = open(path, "rb").read()
    sha = hashlib.sha256(data).hexdigest()
    if sha != expected_sha:
        sys.exit(f"{path}: SHA-256 {sha} is not the expected {expected_sha}; re-export it from r-cran-modeldata 1.1.0-1")
    reader = csv.reader(io.StringIO(gzip.decompress(data).decode("utf-8"), newline=""))
    header = next(reader)
    if header != ["product", "review", "score"]:
        sys.exit(f"{path}: unexpected header {header}")
    return list(reader)


def key(review):
    return re.sub(r"[^a-z0-9]+", " ", review.lower()).strip()


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: /usr/bin/python3 data/build_raw.py SRC_DIR")
    rows = []
    for name, sha in SOURCES.items():
        rows += read_rows(os.path.join(sys.argv[1], name), sha)
    seen, kept = set(), []
    for row in rows:
        if key(row[1]) not in seen:
            seen.add(key(row[1]))
            kept.append(row)
    text = io.StringIO(newline="")
    writer = csv.writer(text, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(["product", "review", "score"])
    writer.writerows(kept)
    # mtime=0 and no file name in the gzip header, so the bytes depend only on the content (and zlib).
    packed = gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    sha = hashlib.sha256(packed).hexdigest()
    if sha != OUTPUT_SHA256:
        sys.exit(f"built file has SHA-256 {sha}, expected {OUTPUT_SHA256} (a different zlib may compress differently; "
                 "compare the decompressed CSV instead)")
    with open(OUTPUT, "wb") as f:
        f.write(packed)
    print(f"{OUTPUT}: {len(kept)} rows ({len(rows) - len(kept)} duplicates removed), SHA-256 {sha}")


if __name__ == "__main__":
    main()
