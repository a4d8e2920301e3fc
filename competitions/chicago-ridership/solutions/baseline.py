"""Chicago ridership baseline: a seasonal-naive forecast, the mean ridership of each day of the week over the
last 52 weeks of training data, repeated for every test day. It knows the weekly cycle and the current level,
nothing else (no holidays, no weather, no trend)."""
import os

import numpy as np
import pandas as pd

train = pd.read_csv("input/train.csv", parse_dates=["date"])
test = pd.read_csv("input/test.csv", parse_dates=["date"])

last_year = train[train["date"] > train["date"].max() - pd.Timedelta(days=364)]
by_weekday = last_year.groupby(last_year["date"].dt.dayofweek)["ridership"].mean()
print("mean ridership by weekday (Mon..Sun), last 52 weeks:", np.round(by_weekday.values, 3))


def rmse(a, b):
    return float(np.sqrt(np.mean((np.asarray(a) - np.asarray(b)) ** 2)))


# The same rule one year earlier, scored on the last training year: an estimate of the test error.
cut = train["date"].max() - pd.Timedelta(days=364)
prior = train[(train["date"] < cut) & (train["date"] >= cut - pd.Timedelta(days=364))]
held = train[train["date"] >= cut]
estimate = held["date"].dt.dayofweek.map(prior.groupby(prior["date"].dt.dayofweek)["ridership"].mean())
print(f"RMSE of the same rule on the last training year: {rmse(held['ridership'], estimate):.4f}")

os.makedirs("output", exist_ok=True)
pd.DataFrame({"day_id": test["day_id"], "ridership": test["date"].dt.dayofweek.map(by_weekday).round(6)}).to_csv(
    "output/submission.csv", index=False
)
