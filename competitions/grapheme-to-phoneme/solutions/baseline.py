"""Grapheme-to-phoneme baseline: the most frequent training phoneme, repeated as many times as the word is
expected to have phonemes (its letter count times the training ratio of phonemes to letters).

It knows nothing about spelling, so its score is close to the length of the pronunciations."""
import collections
import os

import pandas as pd

train = pd.read_csv("input/train.csv", keep_default_na=False)
test = pd.read_csv("input/test.csv", keep_default_na=False)

phonemes = [p for pronunciation in train["pronunciation"] for p in pronunciation.split()]
commonest = collections.Counter(phonemes).most_common(1)[0][0]
ratio = len(phonemes) / sum(len(w) for w in train["word"])
print(f"most frequent phoneme: {commonest}; phonemes per letter: {ratio:.3f}")

predictions = [" ".join([commonest] * max(1, round(len(w) * ratio))) for w in test["word"]]
os.makedirs("output", exist_ok=True)
pd.DataFrame({"word_id": test["word_id"], "pronunciation": predictions}).to_csv("output/submission.csv", index=False)
