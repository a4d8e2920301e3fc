"""birdstrike-damage reference: gradient-boosted classifier of the damage level on the strike's circumstances; the
expected level under its class probabilities is cut into grades at thresholds tuned on out-of-fold predictions for
QWK (the classes are very imbalanced: about 90% of strikes do no damage).

Runs in about 22 s on 2 cores (28.7 s under `mledojo calibrate` on a loaded machine).
"""
import os

# One OpenMP thread: boosting with several threads slows down badly on a busy machine, and the result does not
# depend on the thread count.
os.environ["OMP_NUM_THREADS"] = "1"

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import cohen_kappa_score
from sklearn.model_selection import StratifiedKFold

SEED = 0
train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")
y = train["damage"].to_numpy(dtype=int)

CATEGORICAL = ["airport", "aircraft", "operator", "origin_state", "phase_of_flight", "wildlife_species", "time_of_day"]
SIZE = {"Small": 0, "Medium": 1, "Large": 2}


def features(df):
    out = pd.DataFrame(index=df.index)
    date = pd.to_datetime(df["flight_date"])
    out["year"] = date.dt.year
    out["month"] = date.dt.month
    out["wildlife_size"] = df["wildlife_size"].map(SIZE)
    out["speed"] = df["speed_ias_knots"]
    out["species_known"] = (~df["wildlife_species"].str.startswith("Unknown")).astype(int)
    for column in CATEGORICAL:
        # Rare levels pooled: HistGradientBoosting takes at most 255 categories, and rare ones only add noise.
        counts = train[column].value_counts()
        common = sorted(counts[counts >= 10].index)
        out[column] = df[column].map({level: i for i, level in enumerate(common)}).fillna(len(common))
    return out


X, X_test = features(train), features(test)


def model():
    return HistGradientBoostingClassifier(
        learning_rate=0.05, max_iter=200, max_leaf_nodes=15, min_samples_leaf=20, l2_regularization=1.0,
        categorical_features=[X.columns.get_loc(c) for c in CATEGORICAL], random_state=SEED,
    )


def qwk(a, b):
    return cohen_kappa_score(a, b, weights="quadratic", labels=[0, 1, 2, 3])


def tune(values, truth):
    """Coordinate search over the 3 cut points of the expected damage level."""
    cuts = np.array([0.5, 1.5, 2.5])
    best = qwk(truth, np.digitize(values, cuts))
    for _ in range(3):
        for k in range(len(cuts)):
            for candidate in np.linspace(0.05, 2.95, 59):
                trial = np.sort(np.where(np.arange(len(cuts)) == k, candidate, cuts))
                score = qwk(truth, np.digitize(values, trial))
                if score > best:
                    best, cuts = score, trial
    return cuts, best


levels = np.arange(4)
oof = np.zeros(len(y))
for fit_idx, val_idx in StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED).split(X, y):
    oof[val_idx] = model().fit(X.iloc[fit_idx], y[fit_idx]).predict_proba(X.iloc[val_idx]) @ levels
cuts, tuned = tune(oof, y)
print(f"out-of-fold QWK with tuned cuts {np.round(cuts, 3)}: {tuned:.4f}")

final = model().fit(X, y)
os.makedirs("output", exist_ok=True)
pd.DataFrame({"id": test["id"], "damage": np.digitize(final.predict_proba(X_test) @ levels, cuts)}).to_csv(
    "output/submission.csv", index=False
)
