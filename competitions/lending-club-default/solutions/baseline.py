"""Lending Club baseline: the training bad-loan rate as the probability for every loan.

A constant ranks no loan above another, so its ROC-AUC is exactly 0.5."""
import os

import pandas as pd

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

prior = float(train["bad"].mean())
print(f"training bad-loan rate: {prior:.4f}")

os.makedirs("output", exist_ok=True)
pd.DataFrame({"id": test["id"], "bad": round(prior, 6)}).to_csv(
    "output/submission.csv", index=False
)
