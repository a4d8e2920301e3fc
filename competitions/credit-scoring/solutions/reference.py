"""Credit scoring reference: average of a one-hot logistic regression and gradient-boosted trees on classic
credit ratios (seeded)."""
import os

# One thread: results do not depend on it, and on a busy shared machine OpenMP threads can make
# gradient boosting many times slower.
os.environ["OMP_NUM_THREADS"] = "1"

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

SEED = 0
train = pd.read_csv("input/train.csv")  # "NA" cells are read as missing
test = pd.read_csv("input/test.csv")
y = train["bad"].astype(int)

CATEGORICAL = ["Home", "Marital", "Records", "Job"]


def features(df):
    out = df.drop(columns=["id", "bad"], errors="ignore").copy()
    out["income_missing"] = out["Income"].isna().astype(float)
    income = out["Income"]
    out["financed_share"] = out["Amount"] / out["Price"]
    out["instalment_to_income"] = out["Amount"] / out["Time"] / income
    out["expenses_to_income"] = out["Expenses"] / income
    out["debt_to_income"] = out["Debt"] / income
    out["log_assets"] = np.log1p(out["Assets"])
    out["log_debt"] = np.log1p(out["Debt"])
    out["log_income"] = np.log(income)
    return out


X, X_test = features(train), features(test)
numeric = [c for c in X.columns if c not in CATEGORICAL]

logreg = make_pipeline(
    ColumnTransformer([
        ("cat", make_pipeline(SimpleImputer(strategy="constant", fill_value="missing"),
                              OneHotEncoder(handle_unknown="ignore")), CATEGORICAL),
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
    ]),
    LogisticRegression(C=0.3, max_iter=5000),
)
boost = make_pipeline(
    ColumnTransformer(
        [("cat", make_pipeline(SimpleImputer(strategy="constant", fill_value="missing"),
                               OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)), CATEGORICAL)],
        remainder="passthrough",
    ),
    HistGradientBoostingClassifier(
        learning_rate=0.03, max_iter=400, max_leaf_nodes=8, min_samples_leaf=30,
        l2_regularization=1.0, categorical_features=list(range(len(CATEGORICAL))),
        early_stopping=False, random_state=SEED,
    ),
)
models = [logreg, boost]

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
oofs = [cross_val_predict(m, X, y, cv=cv, method="predict_proba")[:, 1] for m in models]
for name, oof in zip(["logreg", "boost"], oofs):
    print(f"5-fold CV ROC-AUC ({name}): {roc_auc_score(y, oof):.4f}")
print(f"5-fold CV ROC-AUC (blend): {roc_auc_score(y, np.mean(oofs, axis=0)):.4f}")

pred = np.mean([m.fit(X, y).predict_proba(X_test)[:, 1] for m in models], axis=0)
os.makedirs("output", exist_ok=True)
pd.DataFrame({"id": test["id"], "bad": np.round(pred, 6)}).to_csv(
    "output/submission.csv", index=False
)
