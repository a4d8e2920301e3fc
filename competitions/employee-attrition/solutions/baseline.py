"""Employee attrition baseline: the training attrition rate as the probability for every employee.

A constant ranks no employee above another, so its ROC-AUC is exactly 0.5."""
import os

import pandas as pd

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

prior = float(train["Attrition"].mean())
print(f"training attrition rate: {prior:.4f}")

os.makedirs("output", exist_ok=True)
pd.DataFrame({"id": test["id"], "Attrition": round(prior, 6)}).to_csv(
    "output/submission.csv", index=False
)
