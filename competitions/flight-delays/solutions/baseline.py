"""Flight delays baseline: every flight gets the training share of delayed flights (a constant, ROC-AUC 0.5)."""
import os

import pandas as pd

train = pd.read_csv("input/train.csv", usecols=["delayed"])
test = pd.read_csv("input/test.csv", usecols=["id"])

share = float(train["delayed"].mean())
print(f"training share of delayed flights: {share:.4f}")

os.makedirs("output", exist_ok=True)
pd.DataFrame({"id": test["id"], "delayed": share}).to_csv("output/submission.csv", index=False)
