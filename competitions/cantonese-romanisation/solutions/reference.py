"""Cantonese romanisation reference: the Jyutping syllable is predicted as three parts (initial, final, tone), each
by a logistic regression on the Mandarin reading (pinyin syllable, its initial and final, the tone, and their
combinations, one-hot) plus TF-IDF of the English definition; the three predictions are concatenated.

Cantonese and Mandarin descend from the same Middle Chinese, so the pinyin constrains the Cantonese reading a
lot (Mandarin tone 2 with a former voiced initial usually becomes Cantonese tone 4, and so on), but not fully:
the Middle Chinese entering tone (Cantonese finals in -p, -t, -k) is lost in Mandarin.

Run time: 25 s in `mledojo calibrate` on the 2-core development machine (shared with other jobs)."""
import os
import unicodedata

import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression

train = pd.read_csv("input/train.csv", keep_default_na=False)
test = pd.read_csv("input/test.csv", keep_default_na=False)

TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
PINYIN_INITIALS = ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z",
                   "c", "s", "y", "w"]
JYUTPING_INITIALS = ["gw", "kw", "ng", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "w", "z", "c", "s", "j"]


def pinyin_features(pinyin):
    """'xiōng' -> one-hot tokens of syllable, tone, initial, final and their pairs (first reading only)."""
    syllable, tone = "", "5"  # 5 = neutral tone (no mark)
    for ch in unicodedata.normalize("NFD", pinyin.split(" ")[0]):
        if ch in TONE_MARKS:
            tone = TONE_MARKS[ch]
        elif ch == "\u0308":  # the diaeresis of ü
            syllable = syllable[:-1] + "v"
        else:
            syllable += ch
    initial = next((i for i in PINYIN_INITIALS if syllable.startswith(i)), "")
    final = syllable[len(initial):]
    return f"s_{syllable} t_{tone} st_{syllable}{tone} i_{initial} f_{final} ft_{final}{tone} it_{initial}{tone}"


def jyutping_parts(reading):
    """'gwong2' -> ('gw', 'ong', '2'); a syllabic nasal such as 'ng5' or 'm4' has no initial."""
    body, tone = reading[:-1], reading[-1]
    initial = next((i for i in JYUTPING_INITIALS if body.startswith(i) and len(body) > len(i)), "")
    return initial, body[len(initial):], tone


one_hot = CountVectorizer(token_pattern=r"\S+", binary=True, lowercase=False)
definitions = TfidfVectorizer(min_df=2, sublinear_tf=True)
X_train = sp.hstack([one_hot.fit_transform(train["mandarin"].map(pinyin_features)),
                     0.5 * definitions.fit_transform(train["definition"])]).tocsr()
X_test = sp.hstack([one_hot.transform(test["mandarin"].map(pinyin_features)),
                    0.5 * definitions.transform(test["definition"])]).tocsr()

parts = [jyutping_parts(r) for r in train["jyutping"]]
predicted = []
for k, name in enumerate(["initial", "final", "tone"]):
    model = LogisticRegression(C=3.0, max_iter=2000)
    model.fit(X_train, [p[k] for p in parts])
    predicted.append(model.predict(X_test))
    print(f"{name}: {len(model.classes_)} classes")

os.makedirs("output", exist_ok=True)
pd.DataFrame({"char_id": test["char_id"], "jyutping": [a + b + c for a, b, c in zip(*predicted)]}).to_csv(
    "output/submission.csv", index=False
)
