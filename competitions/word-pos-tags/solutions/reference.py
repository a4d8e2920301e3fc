"""Word POS tags reference: character n-grams of the spelling, one logistic regression per tag (seeded, no CV).

A word gets every tag whose probability reaches 0.4, and always its most probable tag (every word has at least
one). The threshold was chosen on a family-grouped hold-out of the training words (0.3 / 0.4 / 0.5 scored within
0.003 of each other). Measured run time on the 2-core development machine: 76 s under a load average near 30 (the machine was shared).
"""
import os

os.environ["OMP_NUM_THREADS"] = "1"

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

THRESHOLD = 0.4
# keep_default_na=False: words such as "na", "nan" and "null" are words, not missing values.
train = pd.read_csv("input/train.csv", keep_default_na=False)
test = pd.read_csv("input/test.csv", keep_default_na=False)

tags = MultiLabelBinarizer()
Y = tags.fit_transform(train["tags"].str.split())
print(f"{len(train)} training words, {len(tags.classes_)} tags: {' '.join(tags.classes_)}")

# char_wb pads each word with spaces, so prefixes and suffixes (-ly, -ness, un-) become their own n-grams.
vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 5), min_df=2, sublinear_tf=True, dtype=np.float32)
X = vectorizer.fit_transform(train["word"])
X_test = vectorizer.transform(test["word"])

model = OneVsRestClassifier(LogisticRegression(C=4, solver="liblinear", max_iter=300)).fit(X, Y)
proba = model.predict_proba(X_test)
chosen = proba >= THRESHOLD
chosen[np.arange(len(proba)), proba.argmax(axis=1)] = True

os.makedirs("output", exist_ok=True)
pd.DataFrame({
    "word_id": test["word_id"],
    "tags": [" ".join(tags.classes_[row]) for row in chosen],
}).to_csv("output/submission.csv", index=False)
