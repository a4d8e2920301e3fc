"""Fortune category reference: TF-IDF of word unigrams and bigrams (punctuation kept as tokens) and of character
1- to 5-grams, then a linear SVM with balanced class weights.

Run time: 63 s in `mledojo calibrate` on the 2-core development machine (shared with other jobs)."""
import os

import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

train = pd.read_csv("input/train.csv", keep_default_na=False)
test = pd.read_csv("input/test.csv", keep_default_na=False)

# Case and punctuation are kept: ZIPPY SHOUTS, definitions read "word, n.:", knghtbrd quotes IRC "<nick>" lines,
# and attribution lines start with "--". Character n-grams see layout (tabs, line breaks) and word fragments.
vectorisers = [
    TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=False,
                    token_pattern=r"(?u)\b\w+\b|[^\w\s]"),
    TfidfVectorizer(analyzer="char", ngram_range=(1, 5), min_df=3, sublinear_tf=True, lowercase=False),
]
X_train = sp.hstack([v.fit_transform(train["fortune"]) for v in vectorisers]).tocsr()
X_test = sp.hstack([v.transform(test["fortune"]) for v in vectorisers]).tocsr()
print(f"features: {X_train.shape[1]}")

# Balanced weights: macro-F1 counts the 30 magic fortunes as much as the 1,213 people fortunes.
model = LinearSVC(C=0.3, class_weight="balanced")
model.fit(X_train, train["category"])

os.makedirs("output", exist_ok=True)
pd.DataFrame({"fortune_id": test["fortune_id"], "category": model.predict(X_test)}).to_csv(
    "output/submission.csv", index=False
)
