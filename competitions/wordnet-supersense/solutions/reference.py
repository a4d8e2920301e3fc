"""WordNet supersense reference: TF-IDF of the lemmas (words and character n-grams) and of the gloss (words),
then a linear SVM with balanced class weights.

Run time: 52 s in `mledojo calibrate` on the 2-core development machine (shared with other jobs), of which about a
third is vectorising."""
import os

import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

train = pd.read_csv("input/train.csv", keep_default_na=False)
test = pd.read_csv("input/test.csv", keep_default_na=False)

# Lemma words keep their case: capitalised lemmas are mostly proper nouns (people, places, groups). Character
# n-grams of the lemmas catch suffixes (-ist, -itis, -ness, -idae) and Latin genus names the word vocabulary misses.
vectorisers = [
    ("lemmas", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=False)),
    ("lemmas", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True)),
    ("gloss", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
]
train_parts, test_parts = [], []
for column, vectoriser in vectorisers:
    train_parts.append(vectoriser.fit_transform(train[column]))
    test_parts.append(vectoriser.transform(test[column]))
X_train = sp.hstack(train_parts).tocsr()
X_test = sp.hstack(test_parts).tocsr()
print(f"features: {X_train.shape[1]}")

# Balanced weights: macro-F1 counts the 42 noun.motive synsets as much as the 11,587 noun.artifact ones.
model = LinearSVC(C=0.5, class_weight="balanced")
model.fit(X_train, train["supersense"])

os.makedirs("output", exist_ok=True)
pd.DataFrame({"synset_id": test["synset_id"], "supersense": model.predict(X_test)}).to_csv(
    "output/submission.csv", index=False
)
