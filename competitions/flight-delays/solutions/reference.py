"""Flight delays reference: calendar, airport and route features + gradient-boosted trees with the absolute-error loss.

The test period (May-June 2001) comes after the training period, so validation holds out the last four weeks of
training flights instead of shuffling. Deterministic: fixed random_state; a few minutes on 2 cores.
"""
import os

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor

SEED = 0
dtypes = {"origin": "category", "destination": "category", "distance": "int32"}
train = pd.read_csv("input/train.csv", dtype={**dtypes, "arrival_delay": "int32"})
test = pd.read_csv("input/test.csv", dtype=dtypes)

# One category set for both files, so codes mean the same airport in train and test.
for column in ["origin", "destination"]:
    categories = sorted(set(train[column].astype(str)) | set(test[column].astype(str)))
    train[column] = pd.Categorical(train[column].astype(str), categories=categories)
    test[column] = pd.Categorical(test[column].astype(str), categories=categories)

y = train["arrival_delay"].to_numpy(dtype=np.float64)


def route_medians(frame, target):
    """Median arrival delay per route and per airport, learnt on the rows given (shrunk towards the overall median)."""
    keys = frame["origin"].astype(str) + "-" + frame["destination"].astype(str)
    overall = float(np.median(target))
    tables = {}
    for name, key in [("route", keys), ("origin", frame["origin"].astype(str)), ("destination", frame["destination"].astype(str))]:
        stats = pd.DataFrame({"key": key.to_numpy(), "y": target}).groupby("key")["y"].agg(["median", "count"])
        weight = stats["count"] / (stats["count"] + 50.0)
        tables[name] = weight * stats["median"] + (1 - weight) * overall
    return tables, overall


def features(frame, tables, overall):
    date = pd.to_datetime(frame["departure_date"], format="%Y-%m-%d")
    out = pd.DataFrame(index=frame.index)
    # Day of week only: day of month or of year would extrapolate from January-April into the unseen test months.
    out["dow"] = date.dt.dayofweek.astype("int8")
    out["distance"] = frame["distance"]
    out["origin"] = frame["origin"].cat.codes.astype("int16")
    out["destination"] = frame["destination"].cat.codes.astype("int16")
    route = frame["origin"].astype(str) + "-" + frame["destination"].astype(str)
    out["route_median"] = route.map(tables["route"]).astype(float).fillna(overall).to_numpy()
    out["origin_median"] = frame["origin"].astype(str).map(tables["origin"]).astype(float).fillna(overall).to_numpy()
    out["destination_median"] = frame["destination"].astype(str).map(tables["destination"]).astype(float).fillna(overall).to_numpy()
    # Flights per airport and day: a busy schedule (or a known holiday) shows in the test file itself.
    out["origin_day_flights"] = frame.groupby(["origin", "departure_date"], observed=True)["distance"].transform("size").to_numpy()
    out["destination_day_flights"] = frame.groupby(["destination", "departure_date"], observed=True)["distance"].transform("size").to_numpy()
    return out


def model():
    return HistGradientBoostingRegressor(
        loss="absolute_error",
        learning_rate=0.2,
        max_iter=60,
        max_leaf_nodes=63,
        min_samples_leaf=200,
        categorical_features=[2, 3],
        random_state=SEED,
    )


# Time-ordered validation: fit on flights before the last four weeks of training (every fourth one, to save time),
# score on those weeks.
holdout = train["departure_date"] >= "2001-04-03"
fit_rows = ~holdout.to_numpy() & (np.arange(len(train)) % 4 == 0)
tables, overall = route_medians(train[fit_rows], y[fit_rows])
validation = model().fit(features(train[fit_rows], tables, overall), y[fit_rows])
predicted = validation.predict(features(train[holdout.to_numpy()], tables, overall))
median_mae = np.abs(y[holdout.to_numpy()] - np.median(y[fit_rows])).mean()
print(f"time-ordered validation MAE: {np.abs(y[holdout.to_numpy()] - predicted).mean():.4f} (constant median: {median_mae:.4f})")

tables, overall = route_medians(train, y)
final = model().fit(features(train, tables, overall), y)
os.makedirs("output", exist_ok=True)
pd.DataFrame({"id": test["id"], "arrival_delay": final.predict(features(test, tables, overall))}).to_csv(
    "output/submission.csv", index=False
)
