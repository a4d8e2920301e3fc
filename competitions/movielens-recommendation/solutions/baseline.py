"""MovieLens baseline: recommend the most-rated movies (over every rating visible in the input files) that the
user has not rated yet."""
import os
from collections import Counter

import pandas as pd

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")


def movies(history):
    return [token.split(":")[0] for token in history.split()]


counts = Counter()
for history in pd.concat([train["history"], test["history"]]):
    counts.update(movies(history))
for items in train["next_items"]:
    counts.update(str(items).split())
ranking = [m for m, _ in sorted(counts.items(), key=lambda kv: (-kv[1], int(kv[0])))]


def recommend(history):
    seen = set(movies(history))
    return " ".join([m for m in ranking[:1000] if m not in seen][:10])


os.makedirs("output", exist_ok=True)
pd.DataFrame({"user_id": test["user_id"], "next_items": test["history"].map(recommend)}).to_csv(
    "output/submission.csv", index=False
)
