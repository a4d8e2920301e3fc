"""Builds austen_paragraphs.csv.gz, the raw file of this competition, from the six novels of r-cran-janeaustenr.

Input: the line table of janeaustenr::austen_books() (r-cran-janeaustenr 1.0.0-1, bookworm; columns text, book;
one row per line of the Project Gutenberg texts), exported once with

    Rscript -e 'library(janeaustenr); b <- austen_books(); b$book <- as.character(b$book);
                write.csv(b, gzfile("austen_lines.csv.gz"), row.names=FALSE, fileEncoding="UTF-8")'

Steps, per novel, in the package's line order:
  1. Front matter (title, author, year, Northanger Abbey's "Advertisement") is everything before the first
     "CHAPTER n" / "Chapter n" heading and is dropped; so are the headings themselves ("CHAPTER XII",
     "VOLUME II"), the closing "THE END" / "FINIS" / "Finis", Northanger Abbey's editorial "A NOTE ON THE TEXT"
     (to the end of the book), the editors' bracketed volume notes ("[At this point in the first and second
     editions, ...]", "[End volume one of this edition. ...]") and scene-break lines without letters ("* * *").
  2. A paragraph is a run of non-blank lines. Its lines are joined with spaces and every run of whitespace
     becomes one space: the transcriptions differ in layout (Sense and Sensibility and Persuasion put two spaces
     after a full stop, the others one), which would otherwise tell the books apart. Underscores are removed:
     three of the transcriptions mark italics as _word_, the other three do not mark them at all.
  3. Names are masked. Looking only at "mid-sentence" occurrences of a word (the previous non-space character
     is a lower-case letter, a comma or a semicolon), a word of two or more letters whose mid-sentence
     occurrences are capitalised at least 90% of the time is a proper noun (characters, places, houses, days,
     months, nationalities: Emma, Darcy, Bath, Pemberley, Highbury, Monday, London). Every capitalised
     occurrence of such a word, anywhere, is replaced by "[NAME]"; "Emma's" becomes "[NAME]'s". Kept unmasked:
     the titles Mr, Mrs, Miss, Dr, Captain, Colonel, Admiral (common nouns of address; the name after them is
     masked), and lower-case uses ("a frank reply", "a bath").
     In the same pass, a word of two or more letters written all in capitals is put in ordinary case
     (lower-case, capitalised after . ! ? or at the start of the paragraph): the Sense and Sensibility
     transcription renders italics as capitals ("THAT is an odd kind of delicacy"; 374 words, against 26 in
     the five other novels, where they are letter headings such as "MY DEAR ..."), a transcription habit
     that would identify the novel.
  4. The chapter is kept as a group key, "<novel>-<n>" with n counting chapter headings from 1 within a
     novel (Emma's chapter numbers restart in each volume; n does not). The competition splits by it and
     drops it from the agent's files.
  5. De-duplication on the masked text: a paragraph found in two or more novels ('"Yes."', '"[NAME]!"') is
     dropped in every copy, since its label is ambiguous; repeats within one novel are kept (they are rare,
     short, and the split keeps chapters whole).

Run with Debian's interpreter, standard library only:
    /usr/bin/python3 data/build_raw.py austen_lines.csv.gz
The script checks the SHA-256 of its input and of its output, so a rebuild either reproduces the committed
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

SOURCE_SHA256 = "2fb1026840c181056bba5b74f2f969405322341ad2475e214698c21481fd7822"
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "austen_paragraphs.csv.gz")
OUTPUT_SHA256 = "1a7387df6d147ee16296a307223ed00070e179620c44182b45ce64a4a5d72eac"  # the committed file

NOVELS = {
    "Sense & Sensibility": "sense-and-sensibility",
    "Pride & Prejudice": "pride-and-prejudice",
    "Mansfield Park": "mansfield-park",
    "Emma": "emma",
    "Northanger Abbey": "northanger-abbey",
    "Persuasion": "persuasion",
}
CHAPTER = re.compile(r"^(CHAPTER|Chapter) [0-9IVXLC]+\s*$")
VOLUME = re.compile(r"^(VOLUME|Volume) [IVX]+\s*$")
CLOSING = {"THE END", "FINIS", "Finis"}
EDITORIAL = ("[At this point in the first and second editions", "[End volume one of this edition")
TITLES = {"mr", "mrs", "miss", "dr", "captain", "colonel", "admiral"}
WORD = re.compile(r"[A-Za-z]+")
MID_SENTENCE = re.compile(r"[a-z,;]$")


def paragraphs(lines):
    """Yields (chapter number, paragraph text) for one novel's lines."""
    chapter, current = 0, []
    for line in lines + [""]:
        if CHAPTER.match(line):
            chapter += 1
            current = []
            continue
        if line.strip() == "A NOTE ON THE TEXT":
            break
        if line.strip() and not VOLUME.match(line):
            current.append(line)
            continue
        text = re.sub(r"\s+", " ", " ".join(current)).strip().replace("_", "")
        current = []
        if chapter == 0 or not re.search(r"[A-Za-z]", text) or text in CLOSING or text.startswith(EDITORIAL):
            continue
        yield chapter, text
    # A paragraph still open at "A NOTE ON THE TEXT" is the note's heading area: nothing of the novel is lost.


def proper_nouns(texts):
    capitalised, total = collections.Counter(), collections.Counter()
    for text in texts:
        for match in WORD.finditer(text):
            if not MID_SENTENCE.search(text[:match.start()].rstrip()):
                continue
            word = match.group()
            total[word.lower()] += 1
            capitalised[word.lower()] += word[0].isupper()
    return {w for w in total if len(w) >= 2 and w not in TITLES and capitalised[w] >= 0.9 * total[w]}


def mask(text, names):
    def replace(match):
        word = match.group()
        if word[0].isupper() and word.lower() in names:
            return "[NAME]"
        if len(word) >= 2 and word.isupper():
            # Emphasis in capitals ("THAT is an odd kind of delicacy"): only the Sense and Sensibility
            # transcription writes italics this way, so it is written in ordinary case.
            before = text[:match.start()].rstrip().rstrip("\"'(")
            return word.capitalize() if not before or before[-1] in ".!?" else word.lower()
        return word
    return WORD.sub(replace, text)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: /usr/bin/python3 data/build_raw.py austen_lines.csv.gz")
    data = open(sys.argv[1], "rb").read()
    sha = hashlib.sha256(data).hexdigest()
    if sha != SOURCE_SHA256:
        sys.exit(f"{sys.argv[1]}: SHA-256 {sha} is not the expected {SOURCE_SHA256}; re-export it from r-cran-janeaustenr 1.0.0-1")
    reader = csv.reader(io.StringIO(gzip.decompress(data).decode("utf-8"), newline=""))
    if next(reader) != ["text", "book"]:
        sys.exit("unexpected header")
    lines = collections.defaultdict(list)
    for text, book in reader:
        lines[book].append(text)
    if list(lines) != list(NOVELS):
        sys.exit(f"unexpected novels {list(lines)}")
    rows = [[text, NOVELS[book], f"{NOVELS[book]}-{chapter}"]
            for book in NOVELS for chapter, text in paragraphs(lines[book])]
    names = proper_nouns(r[0] for r in rows)
    for row in rows:
        row[0] = mask(row[0], names)
    novels_of = collections.defaultdict(set)
    for text, novel, _ in rows:
        novels_of[text].add(novel)
    kept = [r for r in rows if len(novels_of[r[0]]) == 1]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["paragraph", "novel", "chapter"])
    writer.writerows(kept)
    # mtime=0 and no file name in the gzip header, so the bytes depend only on the content (and zlib).
    packed = gzip.compress(out.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    out_sha = hashlib.sha256(packed).hexdigest()
    if out_sha != OUTPUT_SHA256:
        sys.exit(f"built file has SHA-256 {out_sha}, expected {OUTPUT_SHA256} (a different zlib may compress "
                 "differently; compare the decompressed CSV instead)")
    with open(OUTPUT, "wb") as f:
        f.write(packed)
    print(f"{len(rows)} paragraphs, {len(names)} proper nouns masked, {len(rows) - len(kept)} paragraphs found in "
          f"several novels dropped, {len(kept)} kept, {len({r[2] for r in kept})} chapters")
    print(f"{OUTPUT}: SHA-256 {out_sha}")


if __name__ == "__main__":
    main()
