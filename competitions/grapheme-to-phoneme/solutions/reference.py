"""Grapheme-to-phoneme reference: letter-to-phoneme alignment by hard EM, then a memory-based classifier that
predicts each letter's phonemes from the widest letter context seen in training (NETtalk / IGTree style).

1. Alignment: each letter emits nothing, one phoneme or two phonemes ("x" -> K S). Initial scores come from
   letter/phoneme co-occurrence within words; three rounds of Viterbi alignment and re-estimation follow.
   Words that cannot be aligned (more than two phonemes per letter) are skipped.
2. Prediction: for each letter, contexts of up to 3 letters on either side are looked up from widest to
   narrowest; the first one seen in training gives its most frequent output.

Pure Python and pandas; deterministic. Run time: 32 s in `mledojo calibrate` on the 2-core development
machine (shared with other jobs)."""
import collections
import math
import os

import pandas as pd

train = pd.read_csv("input/train.csv", keep_default_na=False)
test = pd.read_csv("input/test.csv", keep_default_na=False)
words = list(train["word"])
prons = [p.split() for p in train["pronunciation"]]

NEG = -1e18
UNSEEN = -20.0
FIRST_ROUND_SILENT, FIRST_ROUND_PAIR = -3.0, -4.0  # log-score penalties before any alignment exists


def log_probabilities(counts):
    totals = collections.Counter()
    for (letter, _), n in counts.items():
        totals[letter] += n
    return {key: math.log(n / totals[key[0]]) for key, n in counts.items()}


def align(word, phones, logp, first):
    """Best split of phones over the letters of word (each letter: '', 'P' or 'P_Q'), or None."""
    n, m = len(word), len(phones)
    if m > 2 * n:
        return None
    best = [[NEG] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i, letter in enumerate(word):
        row, nxt, nback = best[i], best[i + 1], back[i + 1]
        silent = FIRST_ROUND_SILENT if first else logp.get((letter, ""), UNSEEN)
        for j in range(m + 1):
            v = row[j]
            if v == NEG:
                continue
            if v + silent > nxt[j]:
                nxt[j], nback[j] = v + silent, 0
            if j < m:
                x = v + logp.get((letter, phones[j]), UNSEEN)
                if x > nxt[j + 1]:
                    nxt[j + 1], nback[j + 1] = x, 1
            if j + 1 < m:
                pair = (FIRST_ROUND_PAIR + logp.get((letter, phones[j]), UNSEEN) if first
                        else logp.get((letter, phones[j] + "_" + phones[j + 1]), UNSEEN))
                if v + pair > nxt[j + 2]:
                    nxt[j + 2], nback[j + 2] = v + pair, 2
    if best[n][m] == NEG:
        return None
    chunks, j = [], m
    for i in range(n, 0, -1):
        k = back[i][j]
        chunks.append("_".join(phones[j - k:j]))
        j -= k
    return chunks[::-1]


# Round 0 scores: how often a phoneme occurs in words containing the letter.
cooccurrence = collections.Counter()
for word, phones in zip(words, prons):
    for letter in set(word):
        for phone in set(phones):
            cooccurrence[(letter, phone)] += 1
logp = log_probabilities(cooccurrence)
for round_ in range(3):
    alignments = [align(w, p, logp, round_ == 0) for w, p in zip(words, prons)]
    counts = collections.Counter()
    for word, chunks in zip(words, alignments):
        if chunks is not None:
            counts.update(zip(word, chunks))
    logp = log_probabilities(counts)
    print(f"alignment round {round_}: {sum(a is not None for a in alignments)} of {len(words)} words aligned")

WINDOWS = [(3, 3), (2, 3), (3, 2), (2, 2), (1, 2), (2, 1), (1, 1), (0, 1), (1, 0), (0, 0)]


def contexts(word, left, right):
    padded = "^^^" + word + "$$$"
    return [padded[i + 3 - left:i + 4 + right] for i in range(len(word))]


# One table per window, built and reduced one at a time to keep memory small.
tables = []
for left, right in WINDOWS:
    seen = collections.defaultdict(collections.Counter)
    for word, chunks in zip(words, alignments):
        if chunks is not None:
            for context, chunk in zip(contexts(word, left, right), chunks):
                seen[context][chunk] += 1
    tables.append({context: c.most_common(1)[0][0] for context, c in seen.items()})


def transcribe(word):
    by_window = [contexts(word, left, right) for left, right in WINDOWS]
    phones = []
    for i in range(len(word)):
        chunk = ""
        for table, window in zip(tables, by_window):
            if window[i] in table:
                chunk = table[window[i]]
                break
        if chunk:
            phones.extend(chunk.split("_"))
    return " ".join(phones)


os.makedirs("output", exist_ok=True)
pd.DataFrame({"word_id": test["word_id"], "pronunciation": [transcribe(w) for w in test["word"]]}).to_csv(
    "output/submission.csv", index=False
)
