"""Chicago ridership reference: a linear trend per weekday fitted on the last five years, plus gradient-boosted
trees on its residuals using calendar (weekday, day of year, US federal holidays, Christmas week), weather and
team-schedule features. The trend carries the growth the trees cannot extrapolate; the trees learn holidays,
seasons and weather."""
import os

# One thread: the result does not depend on the machine's core count, and 2 shared cores are not oversubscribed.
os.environ["OMP_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from pandas.tseries.holiday import USFederalHolidayCalendar  # noqa: E402
from sklearn.ensemble import HistGradientBoostingRegressor  # noqa: E402
from sklearn.linear_model import LinearRegression  # noqa: E402

train = pd.read_csv("input/train.csv", parse_dates=["date"])
test = pd.read_csv("input/test.csv", parse_dates=["date"])
HOLIDAYS = USFederalHolidayCalendar().holidays(start="2000-01-01", end="2017-12-31")
THANKSGIVING = HOLIDAYS[(HOLIDAYS.month == 11) & (HOLIDAYS.day >= 22)]
# In this copy the four baseball columns are identical; keep one.
REDUNDANT = ["WhiteSox_Home", "Cubs_Away", "Cubs_Home"]


def features(df):
    d = df["date"]
    out = df.drop(columns=["day_id", "ridership", "date", *REDUNDANT], errors="ignore").copy()
    out["weekday"] = d.dt.dayofweek
    out["day_of_year"] = d.dt.dayofyear
    out["month"] = d.dt.month
    out["holiday"] = d.isin(HOLIDAYS).astype(int)
    out["christmas_week"] = (((d.dt.month == 12) & (d.dt.day >= 24)) | ((d.dt.month == 1) & (d.dt.day == 1))).astype(int)
    out["day_after_thanksgiving"] = d.isin(THANKSGIVING + pd.Timedelta(days=1)).astype(int)
    out["years"] = (d - pd.Timestamp("2001-01-01")).dt.days / 365.25
    return out


def trend_design(x):
    weekdays = pd.get_dummies(x["weekday"]).reindex(columns=range(7), fill_value=0)
    return np.column_stack([x["years"].to_numpy(), weekdays.to_numpy(dtype=float)])


def fit_predict(train_df, test_df):
    x, x_test, y = features(train_df), features(test_df), train_df["ridership"].to_numpy()
    recent = (train_df["date"] >= train_df["date"].max() - pd.Timedelta(days=5 * 365)).to_numpy()
    trend = LinearRegression().fit(trend_design(x[recent]), y[recent])
    trees = HistGradientBoostingRegressor(
        max_iter=500, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=10, random_state=0
    ).fit(x, y - trend.predict(trend_design(x)))
    return trend.predict(trend_design(x_test)) + trees.predict(x_test)


def rmse(a, b):
    return float(np.sqrt(np.mean((np.asarray(a) - np.asarray(b)) ** 2)))


# Time-ordered validation: fit on all but the last training year, forecast that year.
cut = train["date"].max() - pd.Timedelta(days=364)
early, late = train[train["date"] < cut], train[train["date"] >= cut]
print(f"RMSE on the last training year (fit on the years before): {rmse(late['ridership'], fit_predict(early, late)):.4f}")

pred = fit_predict(train, test)
os.makedirs("output", exist_ok=True)
pd.DataFrame({"day_id": test["day_id"], "ridership": np.round(pred, 6)}).to_csv("output/submission.csv", index=False)
