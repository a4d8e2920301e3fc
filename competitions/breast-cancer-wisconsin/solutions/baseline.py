"""Breast cancer baseline: the training malignant rate as the probability for every sample.

A constant ranks no sample above another, so its ROC-AUC is exactly 0.5."""
import os

import pandas as pd

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

prior = float(train["malignant"].mean())
print(f"training malignant rate: {prior:.4f}")

os.makedirs("output", exist_ok=True)
pd.DataFrame({"id": test["id"], "malignant": round(prior, 6)}).to_csv(
    "output/submission.csv", index=False
)
