"""Landsat land cover reference: the 36 raw values plus the central pixel's bands, the neighbourhood's band means
and spreads and two vegetation indices (near-infrared vs red, NDVI-style), fed to extremely randomised trees.
Calibrated run: 10 s on the 2-core machine (busy)."""
import os

# One thread: a busy 2-core machine slows down with more, and the forest is seeded, so the result is the same.
os.environ["OMP_NUM_THREADS"] = "1"

import numpy as np
import pandas as pd
from sklearn.ensemble import ExtraTreesClassifier

SEED = 0
COLUMNS = [f"x.{i}" for i in range(1, 37)]
train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")


def features(df):
    # x.1..x.36 are 9 pixels (left to right, top to bottom) x 4 bands; pixel 4 (0-based) is the central one.
    pixels = df[COLUMNS].to_numpy(dtype=float).reshape(-1, 9, 4)
    centre, mean, spread = pixels[:, 4, :], pixels.mean(axis=1), pixels.std(axis=1)
    # Band 2 is visible red, band 4 near-infrared: (NIR - red) / (NIR + red) separates vegetation from soil.
    ndvi_centre = (centre[:, 3] - centre[:, 1]) / (centre[:, 3] + centre[:, 1] + 1e-9)
    ndvi_mean = (mean[:, 3] - mean[:, 1]) / (mean[:, 3] + mean[:, 1] + 1e-9)
    return np.hstack([df[COLUMNS].to_numpy(dtype=float), centre, mean, spread, ndvi_centre[:, None], ndvi_mean[:, None]])


model = ExtraTreesClassifier(n_estimators=500, random_state=SEED, n_jobs=1)
model.fit(features(train), train["land_cover"])

os.makedirs("output", exist_ok=True)
pd.DataFrame({"pixel_id": test["pixel_id"], "land_cover": model.predict(features(test))}).to_csv(
    "output/submission.csv", index=False
)
