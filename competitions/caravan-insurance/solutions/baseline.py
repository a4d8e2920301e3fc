"""Caravan baseline: the training ownership rate as the probability for every customer.

A constant ranks no customer above another, so its ROC-AUC is exactly 0.5."""
import os

import pandas as pd

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

prior = float(train["CARAVAN"].mean())
print(f"training caravan-policy rate: {prior:.4f}")

os.makedirs("output", exist_ok=True)
pd.DataFrame({"id": test["id"], "CARAVAN": round(prior, 6)}).to_csv(
    "output/submission.csv", index=False
)
