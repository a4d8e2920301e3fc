"""Builds moby_pos_tags.csv.gz, the raw file of word-pos-tags: one row per English word with the set of its parts
of speech in the Moby part-of-speech list.

Steps, from tidytext::parts_of_speech (208,259 word/pos rows, 191,984 distinct words, all lower case):
  * rows whose pos is NA are removed (2,274 rows; the package left these Moby codes unmapped, so their meaning is
    unknown); a word left with no tag at all is removed (2,134 words);
  * the remaining tags of each word are joined into one space-separated set, sorted, with the package's 13 names
    written as single tokens (Noun -> noun, "Verb (usu participle)" -> verb_participle, ...; see TAGS);
  * family: a crude stem that groups a word with its spelling and inflectional variants, for the competition's
    group split (split.group_column): letters only, British -is- spellings as -iz- (abnormalise/abnormalize), then
    at most one ending removed (-ing, -ed, -es, -s, -d, with a minimum length) and a final e dropped. walk, walks,
    walked and walking share one family; so do abnormalise, abnormalized and abnormalizing. The rule also joins some
    unrelated words (bed, beds; bore, bored, bores, boring), which only makes groups a little coarser.
Rows are written in the package's word order (alphabetical).

Run with Debian's interpreter, standard library only:
    Rscript data/export_pos.R /tmp/tidytext__parts_of_speech.csv
    /usr/bin/python3 data/build_raw.py /tmp/tidytext__parts_of_speech.csv
The script checks the SHA-256 of its input and of its output, so a rebuild either reproduces the committed file
byte for byte or fails.
"""
import csv
import gzip
import hashlib
import io
import os
import re
import sys

INPUT_SHA256 = "2ff8d83b90f943b5c2d5ef8ad6b93717e7c1c18c0cf0f386711c4f7903d79f76"
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "moby_pos_tags.csv.gz")
OUTPUT_SHA256 = "e3977d61c5ea6875e578cdc999153a796d0abc772e307bd9276ad44e70d13a59"  # the committed file
TAGS = {
    "Noun": "noun",
    "Plural": "plural",
    "Noun Phrase": "noun_phrase",
    "Verb (usu participle)": "verb_participle",
    "Verb (transitive)": "verb_transitive",
    "Verb (intransitive)": "verb_intransitive",
    "Adjective": "adjective",
    "Adverb": "adverb",
    "Conjunction": "conjunction",
    "Preposition": "preposition",
    "Interjection": "interjection",
    "Pronoun": "pronoun",
    "Definite Article": "definite_article",
}
ENDINGS = (("ing", 6), ("ed", 5), ("es", 5), ("s", 4), ("d", 4))  # ending, minimum word length to strip it


def family(word):
    stem = re.sub(r"[^a-z]", "", word)
    stem = re.sub(r"is(e|ed|es|ing|er|ers|ation|ations|able)$", r"iz\1", stem)
    for ending, min_length in ENDINGS:
        if stem.endswith(ending) and len(stem) >= min_length and not (ending == "s" and stem.endswith("ss")):
            stem = stem[: -len(ending)]
            break
    return stem.rstrip("e") or stem or word


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: /usr/bin/python3 data/build_raw.py tidytext__parts_of_speech.csv")
    data = open(sys.argv[1], "rb").read()
    sha = hashlib.sha256(data).hexdigest()
    if sha != INPUT_SHA256:
        sys.exit(f"{sys.argv[1]}: SHA-256 {sha} is not the expected {INPUT_SHA256}; re-export it with data/export_pos.R")
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    if next(reader) != ["word", "pos"]:
        sys.exit("unexpected header")
    tags, order, na_rows = {}, [], 0
    for word, pos in reader:
        if word not in tags:
            tags[word] = set()
            order.append(word)
        if pos == "NA":
            na_rows += 1
            continue
        tags[word].add(TAGS[pos])
    kept = [w for w in order if tags[w]]

    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["word", "tags", "family"])
    for word in kept:
        writer.writerow([word, " ".join(sorted(tags[word])), family(word)])
    # mtime=0 and no file name in the gzip header, so the bytes depend only on the content (and zlib).
    packed = gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    sha = hashlib.sha256(packed).hexdigest()
    if OUTPUT_SHA256 and sha != OUTPUT_SHA256:
        sys.exit(f"built file has SHA-256 {sha}, expected {OUTPUT_SHA256} (a different zlib may compress differently; "
                 "compare the decompressed CSV instead)")
    with open(OUTPUT, "wb") as f:
        f.write(packed)
    print(f"{OUTPUT}: {len(kept)} words ({len(order) - len(kept)} without a known tag, {na_rows} NA rows dropped), "
          f"{len(set(family(w) for w in kept))} families, SHA-256 {sha}")


if __name__ == "__main__":
    main()
