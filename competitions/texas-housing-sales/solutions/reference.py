"""Texas housing reference: a per-city multiplicative seasonal model on log sales.

forecast = exp( level + season + damped growth ), per city, where
- level is the mean log sales of the city's last 12 training months;
- season is the city's mean deviation of log sales for that calendar month from its calendar-year mean, over
  the last 5 complete years, shrunk halfway to the all-city deviation for that month;
- growth is half the change of the 12-month mean log level over the last year, scaled to the months between
  the middle of the last training year and the forecast month.
Only training-period values are used, so every test month (1 to 12 months after the last training month) is
forecast from the same information."""
import os

import numpy as np
import pandas as pd

YEARS, SHRINK, DAMPING = 5, 0.5, 0.5

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")
for df in (train, test):
    df["t"] = df["year"] * 12 + df["month"] - 1


def smape(actual, forecast):
    actual, forecast = np.asarray(actual, float), np.asarray(forecast, float)
    total = np.abs(actual) + np.abs(forecast)
    return 100 * np.mean(np.where(total == 0, 0, 2 * np.abs(forecast - actual) / np.where(total == 0, 1, total)))


def forecast(history, rows):
    origin = history["t"].max()
    h = history.assign(log_sales=np.log(history["sales"]))
    # Seasonal deviations come from complete calendar years only, so a half year does not bias its mean.
    months_seen = h.groupby(["city", "year"])["month"].transform("size")
    full = h[(months_seen == 12) & (h["year"] > h.loc[months_seen == 12, "year"].max() - YEARS)]
    deviation = full["log_sales"] - full.groupby(["city", "year"])["log_sales"].transform("mean")
    by_city = deviation.groupby([full["city"], full["month"]]).mean()
    by_month = deviation.groupby(full["month"]).mean()

    last = h[h["t"] > origin - 12].groupby("city")["log_sales"].mean()
    previous = h[(h["t"] > origin - 24) & (h["t"] <= origin - 12)].groupby("city")["log_sales"].mean()
    growth = (last - previous).reindex(last.index).fillna(0.0)

    season = np.array([
        SHRINK * by_city.get((city, month), by_month[month]) + (1 - SHRINK) * by_month[month]
        for city, month in zip(rows["city"], rows["month"])
    ])
    # The level is centred 5.5 months before the origin; a forecast h months ahead is h + 5.5 months from it.
    years_ahead = (rows["t"].to_numpy() - origin + 5.5) / 12
    log_pred = rows["city"].map(last).to_numpy() + season + DAMPING * rows["city"].map(growth).to_numpy() * years_ahead
    return np.exp(log_pred)


# Time-ordered validation: forecast the last 12 training months from the months before them.
origin = train["t"].max()
held = train[train["t"] > origin - 12]
print(f"SMAPE on the last 12 training months: {smape(held['sales'], forecast(train[train['t'] <= origin - 12], held)):.3f}")

pred = forecast(train, test)
os.makedirs("output", exist_ok=True)
pd.DataFrame({"row_id": test["row_id"], "sales": np.round(pred, 6)}).to_csv("output/submission.csv", index=False)
