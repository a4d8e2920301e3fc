"""Builds wordnet_nouns.csv.gz, the raw file of this competition, from WordNet 3.0's noun data file.

Source: /usr/share/wordnet/data.noun of the Debian package wordnet-base 1:3.0-37 (bookworm). Each data line of
that file is one noun synset:

    offset lex_filenum ss_type w_cnt word lex_id [word lex_id ...] p_cnt [pointer ...] | gloss

The 29 lines that start with two spaces are the licence header and are skipped. For every synset the script keeps
only three things:
  - lemmas:     the synset's words in file order, underscores turned into spaces, joined by "; "
                (case kept: proper nouns are capitalised in WordNet);
  - gloss:      the text after " | ", trailing spaces removed (definition plus any quoted examples);
  - supersense: the lexicographer file name of lex_filenum (03 noun.Tops ... 18 noun.person ... 28 noun.time),
                the mapping printed in lexnames(5WN).
Everything else is dropped on purpose: the synset offset (data.noun is written in 26 contiguous blocks, one per
lexicographer file, so the byte offset alone gives the label away), lex_id sense numbers, and every pointer
(hypernyms, hyponyms, ...: pointers are offsets into the same file and would leak the target of the synset
they point to as well as its own).

Run with Debian's interpreter, standard library only:
    /usr/bin/python3 data/build_raw.py [/usr/share/wordnet/data.noun]
The script checks the SHA-256 of its input and of its output, so a rebuild either reproduces the committed file
byte for byte or fails.
"""
import csv
import gzip
import hashlib
import io
import os
import sys

SOURCE = "/usr/share/wordnet/data.noun"
SOURCE_SHA256 = "fea17d2f9656611334eac790e5d69e47645fa180c4aa481fb4cd9b3520754ca2"
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wordnet_nouns.csv.gz")
OUTPUT_SHA256 = "f2705946f1f056a5c399a3dfa93a02f03a2ef8fc7febede931f8818cc3ac243a"  # the committed file

# lexnames(5WN): the noun lexicographer files.
LEXNAMES = {
    3: "noun.Tops", 4: "noun.act", 5: "noun.animal", 6: "noun.artifact", 7: "noun.attribute", 8: "noun.body",
    9: "noun.cognition", 10: "noun.communication", 11: "noun.event", 12: "noun.feeling", 13: "noun.food",
    14: "noun.group", 15: "noun.location", 16: "noun.motive", 17: "noun.object", 18: "noun.person",
    19: "noun.phenomenon", 20: "noun.plant", 21: "noun.possession", 22: "noun.process", 23: "noun.quantity",
    24: "noun.relation", 25: "noun.shape", 26: "noun.state", 27: "noun.substance", 28: "noun.time",
}


def parse(data):
    rows = []
    for line in data.decode("utf-8").split("\n"):
        if not line or line.startswith("  "):
            continue
        head, sep, gloss = line.partition(" | ")
        if not sep:
            sys.exit(f"no gloss separator in line: {line[:80]}")
        fields = head.split(" ")
        if fields[2] != "n":
            sys.exit(f"not a noun synset: {line[:80]}")
        count = int(fields[3], 16)
        words = [fields[4 + 2 * i].replace("_", " ") for i in range(count)]
        rows.append(["; ".join(words), gloss.rstrip(), LEXNAMES[int(fields[1])]])
    return rows


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    data = open(path, "rb").read()
    sha = hashlib.sha256(data).hexdigest()
    if sha != SOURCE_SHA256:
        sys.exit(f"{path}: SHA-256 {sha} is not the expected {SOURCE_SHA256} (wordnet-base 1:3.0-37)")
    rows = parse(data)
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["lemmas", "gloss", "supersense"])
    writer.writerows(rows)
    # mtime=0 and no file name in the gzip header, so the bytes depend only on the content (and zlib).
    packed = gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    sha = hashlib.sha256(packed).hexdigest()
    if sha != OUTPUT_SHA256:
        sys.exit(f"built file has SHA-256 {sha}, expected {OUTPUT_SHA256} (a different zlib may compress differently; "
                 "compare the decompressed CSV instead)")
    with open(OUTPUT, "wb") as f:
        f.write(packed)
    print(f"{OUTPUT}: {len(rows)} synsets, SHA-256 {sha}")


if __name__ == "__main__":
    main()
