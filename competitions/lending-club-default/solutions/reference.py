"""Lending Club reference: average of a one-hot logistic regression and shallow gradient-boosted trees (seeded)."""
import os

# One thread: results do not depend on it, and on a busy shared machine OpenMP threads can make
# gradient boosting many times slower.
os.environ["OMP_NUM_THREADS"] = "1"

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

SEED = 0
train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")
y = train["bad"].astype(int)

GRADES = [f"{g}{n}" for g in "ABCDEFG" for n in range(1, 6)]
EMP = ["emp_lt_1"] + [f"emp_{n}" for n in range(1, 10)] + ["emp_ge_10"]
MONEY = ["funded_amnt", "annual_inc", "total_bal_il", "delinq_amnt", "total_il_high_credit_limit"]


def features(df):
    out = df.drop(columns=["id", "bad"], errors="ignore").copy()
    out["grade_rank"] = out["sub_grade"].map({g: i for i, g in enumerate(GRADES)}).astype(float)
    out["emp_years"] = out["emp_length"].map({e: i for i, e in enumerate(EMP)}).astype(float).fillna(-1)
    out["long_term"] = (out["term"] == "term_60").astype(float)
    for column in MONEY:
        out["log_" + column] = np.log1p(out[column])
    out["loan_to_income"] = out["funded_amnt"] / out["annual_inc"].clip(lower=1000)
    # The monthly payment of an amortised loan: the borrower's real burden.
    rate = out["int_rate"] / 1200
    months = np.where(out["long_term"] == 1, 60, 36)
    out["payment_to_income"] = 12 * out["funded_amnt"] * rate / (1 - (1 + rate) ** -months) / out["annual_inc"].clip(lower=1000)
    return out.drop(columns=MONEY)


X, X_test = features(train), features(test)
categorical = ["term", "sub_grade", "addr_state", "verification_status", "emp_length"]
numeric = [c for c in X.columns if c not in categorical]

logreg = make_pipeline(
    ColumnTransformer([
        ("cat", OneHotEncoder(handle_unknown="ignore", min_frequency=30), ["addr_state", "verification_status", "emp_length"]),
        ("num", StandardScaler(), numeric),
    ]),
    LogisticRegression(C=0.05, max_iter=5000),
)
boost = make_pipeline(
    ColumnTransformer(
        [("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1), ["verification_status"])],
        remainder="passthrough",
    ),
    HistGradientBoostingClassifier(
        learning_rate=0.03, max_iter=250, max_leaf_nodes=6, min_samples_leaf=80,
        l2_regularization=5.0, categorical_features=[0], random_state=SEED,
    ),
)
boost_columns = [c for c in X.columns if c not in ["term", "sub_grade", "addr_state", "emp_length"]]
models = [(logreg, X.columns), (boost, boost_columns)]


def rank(p):
    return pd.Series(p).rank(pct=True).to_numpy()


cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
oofs = [cross_val_predict(m, X[cols], y, cv=cv, method="predict_proba")[:, 1] for m, cols in models]
for name, oof in zip(["logreg", "boost"], oofs):
    print(f"5-fold CV ROC-AUC ({name}): {roc_auc_score(y, oof):.4f}")
print(f"5-fold CV ROC-AUC (rank blend): {roc_auc_score(y, np.mean([rank(o) for o in oofs], axis=0)):.4f}")

pred = np.mean([rank(m.fit(X[cols], y).predict_proba(X_test[cols])[:, 1]) for m, cols in models], axis=0)
os.makedirs("output", exist_ok=True)
pd.DataFrame({"id": test["id"], "bad": np.round(pred, 6)}).to_csv(
    "output/submission.csv", index=False
)
