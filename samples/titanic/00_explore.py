"""Look at the Titanic data: shapes, columns, types, missing values and the first rows. Writes nothing."""
import pandas as pd

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")
sample = pd.read_csv("input/sample_submission.csv")

print("train:", train.shape, "test:", test.shape, "sample_submission:", sample.shape)
print("columns:", list(train.columns))
print("in train only:", sorted(set(train.columns) - set(test.columns)))
print()
print(train.dtypes.to_string())
print()
print("missing values per column:")
print(train.isna().sum().to_string())
print()
print(train.head().to_string())
print()
print("survival rate:", round(train["Survived"].mean(), 3))
print(train.groupby("sex")["Survived"].mean().round(3).to_string())
