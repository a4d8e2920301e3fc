"""Word POS tags baseline: predict the most common tag set of the training words (just "noun") for every word."""
import os

import pandas as pd

train = pd.read_csv("input/train.csv", keep_default_na=False)
test = pd.read_csv("input/test.csv", keep_default_na=False)
most_common = train["tags"].value_counts().index[0]
print(f"most common tag set: {most_common!r} ({train['tags'].eq(most_common).mean():.3f} of training words)")

os.makedirs("output", exist_ok=True)
pd.DataFrame({"word_id": test["word_id"], "tags": most_common}).to_csv("output/submission.csv", index=False)
