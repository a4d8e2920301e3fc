"""Supermarket baskets baseline: recommend the most popular departments of the training baskets that are not
already visible in the basket."""
import os
from collections import Counter

import pandas as pd

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

# Popularity over the complete training baskets (visible + missing departments).
counts = Counter()
for visible, missing in zip(train["basket"], train["missing"]):
    counts.update(visible.split() + missing.split())
ranking = [d for d, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
print("most popular:", ranking[:5])


def recommend(basket):
    seen = set(basket.split())
    return " ".join([d for d in ranking if d not in seen][:5])


os.makedirs("output", exist_ok=True)
pd.DataFrame({"basket_id": test["basket_id"], "missing": test["basket"].map(recommend)}).to_csv(
    "output/submission.csv", index=False
)
