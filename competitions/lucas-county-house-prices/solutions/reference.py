"""Lucas County reference: gradient-boosted trees on log price with location features (seeded).

Location enters three ways: the raw coordinates, rotated coordinates (so axis-aligned tree splits can follow
diagonal boundaries) and the out-of-fold mean log price of the 10 nearest training houses. Measured run time on
the 2-core development machine: about 11 s.
"""
import os

# One OpenMP thread: gradient boosting with several threads slows down badly on a busy machine, and the
# result does not depend on the thread count.
os.environ["OMP_NUM_THREADS"] = "1"

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import KFold

SEED = 0
K = 10
train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")
y = np.log(train["price"].to_numpy())


def base_features(df):
    out = pd.DataFrame(index=df.index)
    for c in ["yrbuilt", "TLA", "beds", "baths", "halfbaths", "frontage", "depth", "garagesqft", "rooms", "lotsize", "x", "y"]:
        out[c] = df[c]
    for c in ["stories", "wall", "garage"]:
        out[c] = df[c].astype("category").cat.codes  # categories are the same fixed sets in train and test
    date = pd.to_datetime(df["sdate"].astype(str).str.zfill(6), format="%y%m%d")
    out["sale_t"] = (date - pd.Timestamp("1993-01-01")).dt.days
    out["log_tla"] = np.log1p(df["TLA"])
    out["log_lot"] = np.log1p(df["lotsize"])
    for angle in (15, 30, 45, 60, 75):
        a = np.deg2rad(angle)
        out[f"rot{angle}"] = df["x"] * np.cos(a) + df["y"] * np.sin(a)
    return out


def neighbour_price(tree_xy, tree_y, query_xy, exclude_self):
    k = K + 1 if exclude_self else K
    dist, idx = cKDTree(tree_xy).query(query_xy, k=k)
    if exclude_self:
        dist, idx = dist[:, 1:], idx[:, 1:]
    return tree_y[idx].mean(axis=1), dist.mean(axis=1)


for frame in (train, test):
    frame["stories"] = pd.Categorical(frame["stories"], categories=sorted(set(train["stories"]) | set(test["stories"])))
    frame["wall"] = pd.Categorical(frame["wall"], categories=sorted(set(train["wall"]) | set(test["wall"])))
    frame["garage"] = pd.Categorical(frame["garage"], categories=sorted(set(train["garage"]) | set(test["garage"])))

X, X_test = base_features(train), base_features(test)
xy, xy_test = train[["x", "y"]].to_numpy(), test[["x", "y"]].to_numpy()

# Out-of-fold neighbour prices for training rows, so a row never sees its own price; test rows use all of train.
X["nb_price"], X["nb_dist"] = 0.0, 0.0
for fit_idx, oof_idx in KFold(5, shuffle=True, random_state=SEED).split(X):
    p, dist = neighbour_price(xy[fit_idx], y[fit_idx], xy[oof_idx], exclude_self=False)
    X.iloc[oof_idx, X.columns.get_loc("nb_price")] = p
    X.iloc[oof_idx, X.columns.get_loc("nb_dist")] = dist
X_test["nb_price"], X_test["nb_dist"] = neighbour_price(xy, y, xy_test, exclude_self=False)

categorical = [X.columns.get_loc(c) for c in ["stories", "wall", "garage"]]
model = HistGradientBoostingRegressor(
    learning_rate=0.05,
    max_iter=1500,
    max_leaf_nodes=31,
    min_samples_leaf=20,
    l2_regularization=1.0,
    categorical_features=categorical,
    random_state=SEED,
)

cv_scores = []
for fit_idx, val_idx in KFold(5, shuffle=True, random_state=SEED + 1).split(X):
    if len(cv_scores) == 2:  # two folds are enough to see where we stand and keep the run short
        break
    m = HistGradientBoostingRegressor(**model.get_params()).fit(X.iloc[fit_idx], y[fit_idx])
    cv_scores.append(np.sqrt(np.mean((m.predict(X.iloc[val_idx]) - y[val_idx]) ** 2)))
print(f"CV RMSLE (2 folds): {np.mean(cv_scores):.4f}")

model.fit(X, y)
pred = np.exp(model.predict(X_test))
os.makedirs("output", exist_ok=True)
pd.DataFrame({"Id": test["Id"], "price": np.round(pred, 0)}).to_csv("output/submission.csv", index=False)
