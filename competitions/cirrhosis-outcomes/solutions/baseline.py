"""Cirrhosis baseline: the training outcome frequencies as the probabilities for every patient."""
import os

import pandas as pd

CLASSES = ["C", "CL", "D"]
train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

prior = train["Status"].value_counts(normalize=True).reindex(CLASSES, fill_value=0.0)
print("outcome frequencies:", {c: round(p, 4) for c, p in prior.items()})

sub = pd.DataFrame({"patient_id": test["patient_id"]})
for c in CLASSES:
    sub[c] = round(float(prior[c]), 6)
os.makedirs("output", exist_ok=True)
sub.to_csv("output/submission.csv", index=False)
