"""Emoji category reference: colour and shape features, gradient-boosted trees (seeded).

Features: a coarse colour histogram (4 levels per channel, 64 bins) over the non-white pixels, how much of each row
and column is covered (flags are wide rectangles, smileys round yellow discs), and the first 60 principal
components of the pixels. Measured run time on the 2-core development machine: 55 s under a load average near 27 (the machine was shared).
"""
import os

# One OpenMP thread: gradient boosting with several threads slows down badly on a busy machine, and the
# result does not depend on the thread count.
os.environ["OMP_NUM_THREADS"] = "1"

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.ensemble import HistGradientBoostingClassifier

SEED = 0
SIDE = 32
CLASSES = ["smileys_emotion", "people_body", "animals_nature", "food_drink", "travel_places", "activities",
           "objects", "symbols", "flags"]
train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")
pixels = [f"{c}{k}" for k in range(SIDE * SIDE) for c in "rgb"]


def images(df):
    return df[pixels].to_numpy(dtype=np.uint8).reshape(-1, SIDE, SIDE, 3)


def features(img, pca):
    ink = img.min(axis=3) < 245  # anything not (nearly) white background
    levels = (img // 64).astype(int)
    bins = levels[..., 0] * 16 + levels[..., 1] * 4 + levels[..., 2]
    hist = np.stack([np.bincount(b[m], minlength=64) for b, m in zip(bins, ink)]) / np.maximum(ink.sum(axis=(1, 2)), 1)[:, None]
    flat = img.reshape(len(img), -1) / 255.0
    return np.concatenate([hist, ink.mean(axis=2), ink.mean(axis=1), ink.mean(axis=(1, 2))[:, None], pca.transform(flat)], axis=1)


img, img_test = images(train), images(test)
pca = PCA(n_components=60, random_state=SEED).fit(img.reshape(len(img), -1) / 255.0)
X, X_test = features(img, pca), features(img_test, pca)
y = train["category"].to_numpy()

model = HistGradientBoostingClassifier(
    learning_rate=0.05, max_iter=250, max_leaf_nodes=15, min_samples_leaf=10, l2_regularization=1.0,
    early_stopping=False, random_state=SEED,
).fit(X, y)
proba = pd.DataFrame(model.predict_proba(X_test), columns=model.classes_).reindex(columns=CLASSES, fill_value=0.0)
# A little smoothing: a confident mistake costs a lot in log loss.
proba = 0.97 * proba + 0.03 / len(CLASSES)

submission = pd.concat([test[["ImageId"]], proba.round(6)], axis=1)
os.makedirs("output", exist_ok=True)
submission.to_csv("output/submission.csv", index=False)
