"""Fine-food reviews reference: TF-IDF of word unigrams and bigrams, then logistic regression."""
import os

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

train = pd.read_csv("input/train.csv", keep_default_na=False)
test = pd.read_csv("input/test.csv", keep_default_na=False)
y = train["great"].astype(int)


def text(df):
    # The reviews keep Amazon's HTML line breaks; they are markup, not words.
    return df["review"].str.replace("<br />", " ", regex=False)


model = make_pipeline(
    TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
    LogisticRegression(C=4.0, max_iter=2000),
)

cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
oof = cross_val_predict(model, text(train), y, cv=cv, method="predict_proba")[:, 1]
print(f"3-fold CV ROC-AUC: {roc_auc_score(y, oof):.4f}")

pred = model.fit(text(train), y).predict_proba(text(test))[:, 1]
os.makedirs("output", exist_ok=True)
pd.DataFrame({"review_id": test["review_id"], "great": np.round(pred, 6)}).to_csv(
    "output/submission.csv", index=False
)
