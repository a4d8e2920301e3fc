"""Minneapolis stops baseline: the training search rate for every stop (a constant scores ROC AUC 0.5)."""
import os

import pandas as pd

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")
rate = float(train["personSearch"].mean())
print(f"training search rate: {rate:.4f}")

os.makedirs("output", exist_ok=True)
pd.DataFrame({"stop_id": test["stop_id"], "personSearch": rate}).to_csv("output/submission.csv", index=False)
