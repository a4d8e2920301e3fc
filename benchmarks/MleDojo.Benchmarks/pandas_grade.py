"""The same grading work with pandas + scikit-learn: read the answers, then read the submission, align by id, check, score."""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
from sklearn.metrics import mean_squared_error, roc_auc_score

metric, directory = sys.argv[1], sys.argv[2]
start = time.perf_counter()
answers = pd.read_csv(f"{directory}/answers.csv")
answers_seconds = time.perf_counter() - start
start = time.perf_counter()
submission = pd.read_csv(f"{directory}/submission.csv")
merged = answers.merge(submission, on="id", how="left", suffixes=("", "_pred"), validate="one_to_one")
if len(submission) != len(answers) or merged["target_pred"].isna().any():
    sys.exit("invalid submission")
if metric == "roc_auc":
    score = roc_auc_score(merged["target"], merged["target_pred"])
else:
    score = float(np.sqrt(mean_squared_error(merged["target"], merged["target_pred"])))
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
print(json.dumps({"Seconds": seconds, "PeakMb": peak_mb, "Score": score, "AnswersSeconds": answers_seconds}))
