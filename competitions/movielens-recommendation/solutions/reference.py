"""MovieLens reference: item-item collaborative filtering. Movies are similar when the same users rated both
(co-occurrence damped by the square root of both movies' popularity, i.e. cosine similarity on the binary
user x movie matrix built from every visible rating); a user's candidates are scored by their similarity to the
user's history, recent movies weighted most (0.9 per step back, last 100 movies). Calibrated run: 7.5 s."""
import os

import numpy as np
import pandas as pd
import scipy.sparse as sp

DECAY = 0.9     # weight of the k-th most recent history movie: DECAY ** k
RECENT = 100    # history movies used per user

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")


def movies(history):
    return [token.split(":")[0] for token in history.split()]


train_histories = [movies(h) for h in train["history"]]
train_next = [str(n).split() for n in train["next_items"]]
test_histories = [movies(h) for h in test["history"]]

# Every user's visible movies: train users' history and next items, test users' history.
sequences = [h + n for h, n in zip(train_histories, train_next)] + test_histories
catalogue = sorted({m for s in sequences for m in s}, key=int)
index = {m: i for i, m in enumerate(catalogue)}
rows = [u for u, s in enumerate(sequences) for _ in s]
cols = [index[m] for s in sequences for m in s]
ratings = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sequences), len(catalogue)))
ratings.data[:] = 1.0

popularity = np.asarray(ratings.sum(axis=0)).ravel()
damp = sp.diags(1.0 / np.sqrt(popularity))
similarity = (damp @ (ratings.T @ ratings) @ damp).tocsr()
similarity.setdiag(0)
similarity.eliminate_zeros()

recommendations = []
for history in test_histories:
    recent = history[-RECENT:]
    weights = np.zeros(len(catalogue))
    for k, m in enumerate(reversed(recent)):
        weights[index[m]] = max(weights[index[m]], DECAY**k)
    scores = (sp.csr_matrix(weights) @ similarity).toarray().ravel()
    # Ties (for example a user whose movies share no co-rater) fall back to popularity.
    scores = scores + 1e-9 * popularity / popularity.max()
    scores[[index[m] for m in history]] = -np.inf
    top = np.argsort(-scores, kind="stable")[:10]
    recommendations.append(" ".join(catalogue[j] for j in top))

os.makedirs("output", exist_ok=True)
pd.DataFrame({"user_id": test["user_id"], "next_items": recommendations}).to_csv("output/submission.csv", index=False)
