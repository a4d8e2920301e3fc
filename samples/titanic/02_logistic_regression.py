"""Sample 2: logistic regression on imputed, scaled and one-hot-encoded features."""
import os

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")
y = train["Survived"]

categorical = ["pclass", "sex", "embarked"]
numeric = ["age", "sibsp", "parch", "fare"]

prep = ColumnTransformer(
    [
        ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"),
                              OneHotEncoder(handle_unknown="ignore")), categorical),
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
    ]
)
model = make_pipeline(prep, LogisticRegression(max_iter=1000))

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(model, train, y, cv=cv, scoring="accuracy")
print(f"validation accuracy (5-fold CV): {scores.mean():.4f} +/- {scores.std():.4f}")

model.fit(train, y)
os.makedirs("output", exist_ok=True)
pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": model.predict(test)}).to_csv(
    "output/submission.csv", index=False
)
