"""Telco churn baseline: the training churn rate as the probability for every customer.

A constant ranks no customer above another, so its ROC-AUC is exactly 0.5."""
import os

import pandas as pd

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

prior = float(train["Churn"].mean())
print(f"training churn rate: {prior:.4f}")

os.makedirs("output", exist_ok=True)
pd.DataFrame({"customer_id": test["customer_id"], "Churn": round(prior, 6)}).to_csv(
    "output/submission.csv", index=False
)
