"""Flight delays baseline: predict the training median arrival delay for every flight (the best constant under MAE)."""
import os

import pandas as pd

train = pd.read_csv("input/train.csv", usecols=["arrival_delay"])
test = pd.read_csv("input/test.csv", usecols=["id"])

median = float(train["arrival_delay"].median())
print(f"training median arrival delay: {median} minutes; train MAE of the median: {(train['arrival_delay'] - median).abs().mean():.4f}")

os.makedirs("output", exist_ok=True)
pd.DataFrame({"id": test["id"], "arrival_delay": median}).to_csv("output/submission.csv", index=False)
