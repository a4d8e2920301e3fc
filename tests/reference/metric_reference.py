#!/usr/bin/python3
"""Reference values for the MleDojo metric library (src/MleDojo.Core/Metrics).

Run it with Debian's interpreter, which ships numpy, scipy and scikit-learn:

    /usr/bin/python3 tests/reference/metric_reference.py            # rewrites the checked-in JSON
    /usr/bin/python3 tests/reference/metric_reference.py --output X  # writes X instead

It needs no network. Every case is deterministic: arrays written inline or drawn from
numpy.random.default_rng(<fixed seed>). Each case records where its expected value comes from:

* "sklearn.metrics.<fn>" / "scipy.stats.<fn>": the library computed it (scikit-learn 1.2.1,
  scipy 1.10.1 on Debian bookworm when the file was generated).
* "formula:<name>": a Kaggle-only metric that neither library implements. The formula is the
  literal textbook/Kaggle definition written in the function of that name below, in plain
  numpy/python, so it can be read and checked by eye.

Error cases carry "error" (a substring the C# MetricException message must contain) instead of
"expected", and "reference_behaviour" records what scikit-learn/scipy do on the same input.

The C# tests (tests/MleDojo.Core.Tests/Metrics) assert every case to "tolerance" (relative).
"""

import argparse
import json
import math
import os
import sys
import warnings

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn import metrics as skm

warnings.simplefilter("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUTPUT = os.path.join(
    HERE, "..", "MleDojo.Core.Tests", "Metrics", "metric_reference_values.json"
)

CASES = []


def _jsonable(value):
    if isinstance(value, np.ndarray):
        return [_jsonable(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (np.floating, float)):
        return float(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


def add(metric, name, kind, *, reference, expected=None, error=None, parameters=None,
        tolerance=1e-9, reference_behaviour=None, note=None, **data):
    """Registers one case. data keys mirror MetricInput: true_labels, true_values, ..."""
    if (expected is None) == (error is None):
        raise ValueError(f"{metric}/{name}: give exactly one of expected / error")
    if expected is not None:
        expected = float(expected)
        if not math.isfinite(expected):
            raise ValueError(f"{metric}/{name}: expected value is not finite: {expected}")
    case = {"id": f"{metric}/{name}", "metric": metric, "kind": kind,
            "parameters": parameters or {}, "reference": reference}
    if expected is not None:
        case["expected"] = expected
        case["tolerance"] = tolerance
    else:
        case["error"] = error
    if reference_behaviour is not None:
        case["reference_behaviour"] = reference_behaviour
    if note is not None:
        case["note"] = note
    for key, value in data.items():
        case[key] = _jsonable(value)
    if any(c["id"] == case["id"] for c in CASES):
        raise ValueError(f"duplicate case id {case['id']}")
    CASES.append(case)


def behaviour(fn):
    """What the reference library does on an input our library rejects."""
    try:
        value = fn()
    except Exception as exc:  # noqa: BLE001 - we only describe it
        return f"{type(exc).__name__}: {exc}"
    return f"returns {float(value)!r}"


def columns(matrix):
    return [list(map(float, col)) for col in np.asarray(matrix, dtype=float).T]


def labels(values):
    return [str(v) for v in values]


def rng(seed):
    return np.random.default_rng(seed)


# ---------------------------------------------------------------------------------------------
# Kaggle-only formulas (no scikit-learn/scipy equivalent). Each is the literal definition.
# ---------------------------------------------------------------------------------------------

def formula_gini(actual, pred):
    """Kaggle's classic Gini (Porto Seguro / Allstate kernels): sort by prediction descending,
    ties broken by original row order (np.lexsort on (index, -pred)), then
    sum(cumsum(actual)) / sum(actual) - (n + 1) / 2, divided by n."""
    a = np.asarray(np.c_[actual, pred, np.arange(len(actual))], dtype=float)
    a = a[np.lexsort((a[:, 2], -1 * a[:, 1]))]
    total = a[:, 0].sum()
    gini_sum = a[:, 0].cumsum().sum() / total
    gini_sum -= (len(actual) + 1) / 2.0
    return gini_sum / len(actual)


def formula_normalized_gini(actual, pred):
    """gini(actual, pred) / gini(actual, actual)."""
    return formula_gini(actual, pred) / formula_gini(actual, actual)


def formula_rmspe(y, p):
    """Kaggle Rossmann: sqrt(mean(((y - p) / y)^2)) over rows with y != 0."""
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    keep = y != 0
    return float(np.sqrt(np.mean(((y[keep] - p[keep]) / y[keep]) ** 2)))


def formula_smape(y, p):
    """Kaggle (Web Traffic) SMAPE: 100/n * sum(2|F - A| / (|A| + |F|)), a 0/0 term counts as 0."""
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    den = np.abs(y) + np.abs(p)
    num = 2.0 * np.abs(p - y)
    terms = np.where(den == 0, 0.0, num / np.where(den == 0, 1.0, den))
    return float(100.0 / len(y) * terms.sum())


def formula_top_k_error(truth, ranked, k):
    """1 - fraction of rows whose true label (any of its space-separated labels) is among the
    first k space-separated predicted labels."""
    hits = 0
    for t, r in zip(truth, ranked):
        wanted = set(t.split())
        hits += 1 if wanted & set(r.split()[:k]) else 0
    return 1.0 - hits / len(truth)


def formula_apk(actual, predicted, k):
    """Kaggle ml_metrics.average_precision.apk (Ben Hamner), with `actual` de-duplicated."""
    if len(predicted) > k:
        predicted = predicted[:k]
    score = 0.0
    num_hits = 0.0
    for i, p in enumerate(predicted):
        if p in actual and p not in predicted[:i]:
            num_hits += 1.0
            score += num_hits / (i + 1.0)
    if not actual:
        return 0.0
    return score / min(len(actual), k)


def formula_map_at_k(truth, ranked, k):
    """Kaggle mapk: mean of apk over rows; true labels are the distinct space-separated tokens."""
    return float(np.mean([formula_apk(list(dict.fromkeys(t.split())), r.split(), k)
                          for t, r in zip(truth, ranked)]))


def formula_ndcg_at_k(truth, ranked, k):
    """Binary-relevance NDCG@k: DCG = sum over the first k predictions of 1/log2(i + 2) for a
    relevant label seen for the first time (repeats gain nothing), IDCG = the same sum over the
    first min(R, k) positions (R = distinct relevant labels). Rows with no relevant label score 0
    (as sklearn.metrics.ndcg_score). Mean over rows."""
    scores = []
    for t, r in zip(truth, ranked):
        relevant = set(t.split())
        if not relevant:
            scores.append(0.0)
            continue
        seen = set()
        dcg = 0.0
        for i, label in enumerate(r.split()[:k]):
            if label in relevant and label not in seen:
                dcg += 1.0 / math.log2(i + 2)
            seen.add(label)
        idcg = sum(1.0 / math.log2(i + 2) for i in range(min(len(relevant), k)))
        scores.append(dcg / idcg)
    return float(np.mean(scores))


def formula_levenshtein(a, b):
    """Textbook dynamic programme over Unicode code points (insert, delete, substitute cost 1)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def formula_mean_levenshtein(truth, pred):
    return float(np.mean([formula_levenshtein(a, b) for a, b in zip(truth, pred)]))


def formula_mean_token_levenshtein(truth, pred):
    """The same dynamic programme over whitespace tokens (str.split()): each token is one symbol."""
    return float(np.mean([formula_levenshtein(a.split(), b.split()) for a, b in zip(truth, pred)]))


def formula_jaccard(str1, str2):
    """Kaggle Tweet Sentiment Extraction word Jaccard; both empty counts as 1."""
    a = set(str1.lower().split())
    b = set(str2.lower().split())
    if not a and not b:
        return 1.0
    c = a.intersection(b)
    return float(len(c)) / (len(a) + len(b) - len(c))


def formula_dice(str1, str2):
    """Dice coefficient 2|A n B| / (|A| + |B|) over lower-cased whitespace token sets; both empty
    counts as 1."""
    a = set(str1.lower().split())
    b = set(str2.lower().split())
    if not a and not b:
        return 1.0
    return 2.0 * len(a & b) / (len(a) + len(b))


def mean_of(fn, truth, pred):
    return float(np.mean([fn(a, b) for a, b in zip(truth, pred)]))


# ---------------------------------------------------------------------------------------------
# Classification
# ---------------------------------------------------------------------------------------------

def accuracy_cases():
    y = ["cat", "dog", "cat", "bird", "dog", "cat"]
    p = ["cat", "cat", "cat", "bird", "dog", "dog"]
    add("accuracy", "multiclass_fixed", "Label", reference="sklearn.metrics.accuracy_score",
        expected=skm.accuracy_score(y, p), true_labels=y, predicted_labels=p)
    r = rng(101)
    yt = r.integers(0, 2, 300)
    yp = np.where(r.random(300) < 0.7, yt, 1 - yt)
    add("accuracy", "binary_random", "Label", reference="sklearn.metrics.accuracy_score",
        expected=skm.accuracy_score(labels(yt), labels(yp)),
        true_labels=labels(yt), predicted_labels=labels(yp))
    add("accuracy", "all_wrong", "Label", reference="sklearn.metrics.accuracy_score",
        expected=skm.accuracy_score(["a", "b"], ["b", "a"]),
        true_labels=["a", "b"], predicted_labels=["b", "a"])


def roc_auc_cases():
    def sk(y, s):
        return skm.roc_auc_score(y, s)

    y, s = [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]
    add("roc_auc", "sklearn_doc_example", "Probability", reference="sklearn.metrics.roc_auc_score",
        expected=sk(y, s), true_values=y, predicted_values=s)

    r = rng(11)
    y = (r.random(400) < 0.3).astype(int)
    s = np.round(0.3 * y + r.random(400), 1)
    add("roc_auc", "tied_scores", "Probability", reference="sklearn.metrics.roc_auc_score",
        expected=sk(y, s), true_values=y, predicted_values=s,
        note="scores rounded to one decimal: many ties, averaged like sklearn's trapezoid")

    y = [0, 1, 1, 0, 1]
    s = [0.5] * 5
    add("roc_auc", "all_scores_tied", "Probability", reference="sklearn.metrics.roc_auc_score",
        expected=sk(y, s), true_values=y, predicted_values=s)

    r = rng(12)
    y = (r.random(3000) < 0.03).astype(int)
    s = np.round(r.normal(size=3000) + 1.2 * y, 4)
    add("roc_auc", "imbalanced", "Probability", reference="sklearn.metrics.roc_auc_score",
        expected=sk(y, s), true_values=y, predicted_values=s)

    y, s = [0, 0, 1, 1, 1], [0.1, 0.2, 0.7, 0.8, 0.9]
    add("roc_auc", "perfect", "Probability", reference="sklearn.metrics.roc_auc_score",
        expected=sk(y, s), true_values=y, predicted_values=s)
    y, s = [1, 1, 0, 0], [0.1, 0.2, 0.7, 0.8]
    add("roc_auc", "inverted", "Probability", reference="sklearn.metrics.roc_auc_score",
        expected=sk(y, s), true_values=y, predicted_values=s)

    y, s = [0, 1, 0, 1, 1, 0], [-0.0, 0.0, 3.5, -2.0, 1e300, -1e300]
    add("roc_auc", "unbounded_scores_signed_zero", "Probability",
        reference="sklearn.metrics.roc_auc_score", expected=sk(y, s),
        true_values=y, predicted_values=s, note="-0.0 and 0.0 are the same score (a tie)")

    y, s = [1, 1, 1], [0.2, 0.5, 0.9]
    add("roc_auc", "single_class", "Probability", reference="sklearn.metrics.roc_auc_score",
        error="only one class", reference_behaviour=behaviour(lambda: sk(y, s)),
        true_values=y, predicted_values=s)

    y, s = [0, 2, 1], [0.2, 0.5, 0.9]
    add("roc_auc", "non_binary_truth", "Probability", reference="sklearn.metrics.roc_auc_score",
        error="0 or 1", reference_behaviour=behaviour(lambda: sk(y, s)),
        true_values=y, predicted_values=s)


def roc_auc_ovr_cases():
    def sk(y, p, classes):
        return skm.roc_auc_score(y, p, multi_class="ovr", average="macro", labels=classes)

    classes = ["a", "b", "c"]
    y = ["a", "b", "c", "a", "b", "c", "a"]
    p = [[0.7, 0.2, 0.1], [0.3, 0.4, 0.3], [0.1, 0.1, 0.8], [0.4, 0.4, 0.2],
         [0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.6, 0.1, 0.3]]
    add("roc_auc_ovr", "three_class_fixed", "ClassProbabilities",
        reference="sklearn.metrics.roc_auc_score(multi_class='ovr', average='macro')",
        expected=sk(y, p, classes), true_labels=y, predicted_columns=columns(p), classes=classes)

    r = rng(21)
    classes = ["w", "x", "y", "z"]
    idx = r.integers(0, 4, 300)
    logits = r.normal(size=(300, 4))
    logits[np.arange(300), idx] += 1.0
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    y = [classes[i] for i in idx]
    add("roc_auc_ovr", "four_class_random", "ClassProbabilities",
        reference="sklearn.metrics.roc_auc_score(multi_class='ovr', average='macro')",
        expected=sk(y, p, classes), true_labels=y, predicted_columns=columns(p), classes=classes)

    r = rng(22)
    classes = ["0", "1", "2"]
    base = [0.5, 0.3, 0.2]
    idx = r.integers(0, 3, 200)
    rows = []
    for i in idx:
        perm = r.permutation(3) if r.random() < 0.5 else np.array([i, (i + 1) % 3, (i + 2) % 3])
        row = [0.0, 0.0, 0.0]
        for rank, c in enumerate(perm):
            row[c] = base[rank]
        rows.append(row)
    y = [classes[i] for i in idx]
    add("roc_auc_ovr", "tied_probabilities", "ClassProbabilities",
        reference="sklearn.metrics.roc_auc_score(multi_class='ovr', average='macro')",
        expected=sk(y, rows, classes), true_labels=y, predicted_columns=columns(rows),
        classes=classes)

    r = rng(23)
    classes = ["a", "b", "c"]
    idx = np.where(r.random(120) < 0.1, 1, 0)
    idx[::7] = 2
    p = r.dirichlet([1, 1, 1], 120)
    y = [classes[i] for i in idx]
    add("roc_auc_ovr", "imbalanced", "ClassProbabilities",
        reference="sklearn.metrics.roc_auc_score(multi_class='ovr', average='macro')",
        expected=sk(y, p, classes), true_labels=y, predicted_columns=columns(p), classes=classes)

    y = ["a", "b", "a", "b"]
    p = [[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.3, 0.3, 0.4], [0.1, 0.8, 0.1]]
    add("roc_auc_ovr", "class_absent_from_truth", "ClassProbabilities",
        reference="sklearn.metrics.roc_auc_score(multi_class='ovr', average='macro')",
        error="only one class", reference_behaviour=behaviour(lambda: sk(y, p, classes)),
        true_labels=y, predicted_columns=columns(p), classes=classes)

    y = ["a", "b", "q", "c"]
    p = [[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.3, 0.3, 0.4], [0.1, 0.8, 0.1]]
    add("roc_auc_ovr", "label_not_a_class", "ClassProbabilities",
        reference="sklearn.metrics.roc_auc_score(multi_class='ovr', average='macro')",
        error="not one of the classes", reference_behaviour=behaviour(lambda: sk(y, p, classes)),
        true_labels=y, predicted_columns=columns(p), classes=classes)


def log_loss_cases():
    def sk(y, p, eps=1e-15):
        return skm.log_loss(y, p, eps=eps, labels=[0, 1])

    y, p = [0, 1, 1, 0], [0.1, 0.9, 0.8, 0.35]
    add("log_loss", "fixed", "Probability", reference="sklearn.metrics.log_loss(eps=1e-15)",
        expected=sk(y, p), true_values=y, predicted_values=p)
    r = rng(31)
    y = (r.random(500) < 0.4).astype(int)
    p = np.round(1 / (1 + np.exp(-(r.normal(size=500) + 1.5 * (y - 0.5)))), 6)
    add("log_loss", "random", "Probability", reference="sklearn.metrics.log_loss(eps=1e-15)",
        expected=sk(y, p), true_values=y, predicted_values=p)
    y, p = [1, 0, 1, 0, 1], [0.0, 1.0, 1.0, 0.0, 0.5]
    add("log_loss", "extreme_probabilities_clipped", "Probability",
        reference="sklearn.metrics.log_loss(eps=1e-15)", expected=sk(y, p),
        true_values=y, predicted_values=p)
    add("log_loss", "eps_parameter", "Probability",
        reference="sklearn.metrics.log_loss(eps=1e-7)", expected=sk(y, p, 1e-7),
        parameters={"eps": "1e-7"}, true_values=y, predicted_values=p)
    y, p = [1, 1, 1], [0.9, 0.6, 0.99]
    add("log_loss", "single_class_truth", "Probability",
        reference="sklearn.metrics.log_loss(eps=1e-15, labels=[0, 1])", expected=sk(y, p),
        true_values=y, predicted_values=p,
        note="log loss is defined with one class present; sklearn needs labels=[0, 1] for it")
    y, p = [0, 3], [0.5, 0.5]
    add("log_loss", "non_binary_truth", "Probability", reference="sklearn.metrics.log_loss",
        error="0 or 1", reference_behaviour=behaviour(lambda: sk(y, p)),
        true_values=y, predicted_values=p)


def multiclass_log_loss_cases():
    def sk(y, p, classes, eps=1e-15):
        return skm.log_loss(y, p, eps=eps, labels=classes)

    classes = ["ham", "spam"]
    y = ["spam", "ham", "ham", "spam"]
    p = [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]
    add("multiclass_log_loss", "sklearn_doc_example", "ClassProbabilities",
        reference="sklearn.metrics.log_loss(eps=1e-15)", expected=sk(y, p, classes),
        true_labels=y, predicted_columns=columns(p), classes=classes)

    r = rng(41)
    classes = [f"c{i}" for i in range(5)]
    idx = r.integers(0, 5, 300)
    p = r.dirichlet([0.8] * 5, 300)
    y = [classes[i] for i in idx]
    add("multiclass_log_loss", "five_class_random", "ClassProbabilities",
        reference="sklearn.metrics.log_loss(eps=1e-15)", expected=sk(y, p, classes),
        true_labels=y, predicted_columns=columns(p), classes=classes)

    r = rng(42)
    classes = ["x", "y", "z"]
    idx = r.integers(0, 3, 100)
    p = np.round(r.random((100, 3)) * 3, 3)
    y = [classes[i] for i in idx]
    add("multiclass_log_loss", "unnormalised_rows", "ClassProbabilities",
        reference="sklearn.metrics.log_loss(eps=1e-15)", expected=sk(y, p, classes),
        true_labels=y, predicted_columns=columns(p), classes=classes,
        note="rows do not sum to 1; sklearn clips then divides each row by its sum")

    classes = ["x", "y", "z"]
    y = ["x", "y", "z", "z"]
    p = [[0.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.5, 0.5, 0.0], [0.2, 0.2, 0.6]]
    add("multiclass_log_loss", "zero_probability_clipped", "ClassProbabilities",
        reference="sklearn.metrics.log_loss(eps=1e-15)", expected=sk(y, p, classes),
        true_labels=y, predicted_columns=columns(p), classes=classes)
    add("multiclass_log_loss", "eps_parameter", "ClassProbabilities",
        reference="sklearn.metrics.log_loss(eps=0.001)", expected=sk(y, p, classes, 0.001),
        parameters={"eps": 0.001}, true_labels=y, predicted_columns=columns(p), classes=classes)

    y = ["x", "w"]
    p = [[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]]
    add("multiclass_log_loss", "label_not_a_class", "ClassProbabilities",
        reference="sklearn.metrics.log_loss", error="not one of the classes",
        reference_behaviour=behaviour(lambda: sk(y, p, classes)),
        true_labels=y, predicted_columns=columns(p), classes=classes)


def fscore_cases():
    def f1(y, p, average="binary", pos="1"):
        return skm.f1_score(y, p, average=average, pos_label=pos)

    def fb(y, p, beta, average="binary", pos="1"):
        return skm.fbeta_score(y, p, beta=beta, average=average, pos_label=pos)

    y = labels([0, 1, 1, 0, 1, 1, 0, 0])
    p = labels([0, 1, 0, 0, 1, 1, 1, 0])
    add("f1", "binary_fixed", "Label", reference="sklearn.metrics.f1_score",
        expected=f1(y, p), true_labels=y, predicted_labels=p)
    r = rng(51)
    yt = (r.random(300) < 0.35).astype(int)
    yp = np.where(r.random(300) < 0.75, yt, 1 - yt)
    y, p = labels(yt), labels(yp)
    add("f1", "binary_random", "Label", reference="sklearn.metrics.f1_score",
        expected=f1(y, p), true_labels=y, predicted_labels=p)
    add("fbeta", "binary_beta_2", "Label", reference="sklearn.metrics.fbeta_score(beta=2)",
        expected=fb(y, p, 2.0), parameters={"beta": 2}, true_labels=y, predicted_labels=p)

    r = rng(52)
    yt = r.integers(0, 4, 400)
    yp = np.where(r.random(400) < 0.6, yt, r.integers(0, 4, 400))
    y = [f"c{i}" for i in yt]
    p = [f"c{i}" for i in yp]
    add("f1", "macro_multiclass", "Label", reference="sklearn.metrics.f1_score(average='macro')",
        expected=f1(y, p, "macro"), parameters={"average": "macro"},
        true_labels=y, predicted_labels=p)
    add("f1", "micro_multiclass", "Label", reference="sklearn.metrics.f1_score(average='micro')",
        expected=f1(y, p, "micro"), parameters={"average": "micro"},
        true_labels=y, predicted_labels=p)
    add("fbeta", "macro_beta_half", "Label",
        reference="sklearn.metrics.fbeta_score(beta=0.5, average='macro')",
        expected=fb(y, p, 0.5, "macro"), parameters={"beta": "0.5", "average": "macro"},
        true_labels=y, predicted_labels=p)
    add("fbeta", "micro_beta_3", "Label",
        reference="sklearn.metrics.fbeta_score(beta=3, average='micro')",
        expected=fb(y, p, 3.0, "micro"), parameters={"beta": 3.0, "average": "micro"},
        true_labels=y, predicted_labels=p)

    y = ["a", "b", "a", "c", "b"]
    p = ["a", "b", "d", "c", "a"]
    add("f1", "macro_label_only_predicted", "Label",
        reference="sklearn.metrics.f1_score(average='macro')", expected=f1(y, p, "macro"),
        parameters={"average": "macro"}, true_labels=y, predicted_labels=p,
        note="labels are the union of true and predicted labels, like sklearn without labels=")

    y = ["yes", "no", "yes", "yes", "no"]
    p = ["yes", "yes", "no", "yes", "no"]
    add("f1", "positive_label_parameter", "Label",
        reference="sklearn.metrics.f1_score(pos_label='yes')", expected=f1(y, p, pos="yes"),
        parameters={"positive_label": "yes"}, true_labels=y, predicted_labels=p)
    add("f1", "positive_label_no", "Label",
        reference="sklearn.metrics.f1_score(pos_label='no')", expected=f1(y, p, pos="no"),
        parameters={"positive_label": "no"}, true_labels=y, predicted_labels=p)

    y = labels([1, 0, 1, 0])
    p = labels([0, 0, 0, 0])
    add("f1", "no_positive_predictions", "Label", reference="sklearn.metrics.f1_score",
        expected=f1(y, p), true_labels=y, predicted_labels=p,
        note="precision 0/0 counts as 0 (sklearn zero_division='warn')")
    add("fbeta", "no_positive_predictions", "Label",
        reference="sklearn.metrics.fbeta_score(beta=2)", expected=fb(y, p, 2.0),
        parameters={"beta": 2}, true_labels=y, predicted_labels=p)

    y = labels([0, 1, 2, 1])
    p = labels([0, 1, 1, 1])
    add("f1", "binary_average_multiclass_input", "Label", reference="sklearn.metrics.f1_score",
        error="average", reference_behaviour=behaviour(lambda: f1(y, p)),
        true_labels=y, predicted_labels=p)
    y = ["a", "b", "a"]
    p = ["a", "a", "b"]
    add("f1", "positive_label_absent", "Label", reference="sklearn.metrics.f1_score",
        error="positive_label", reference_behaviour=behaviour(lambda: f1(y, p)),
        true_labels=y, predicted_labels=p)


def mcc_cases():
    sk = skm.matthews_corrcoef
    r = rng(61)
    yt = (r.random(300) < 0.4).astype(int)
    yp = np.where(r.random(300) < 0.8, yt, 1 - yt)
    add("mcc", "binary_random", "Label", reference="sklearn.metrics.matthews_corrcoef",
        expected=sk(labels(yt), labels(yp)), true_labels=labels(yt), predicted_labels=labels(yp))
    r = rng(62)
    yt = r.integers(0, 5, 400)
    yp = np.where(r.random(400) < 0.5, yt, r.integers(0, 5, 400))
    y = [f"k{i}" for i in yt]
    p = [f"k{i}" for i in yp]
    add("mcc", "multiclass_random", "Label", reference="sklearn.metrics.matthews_corrcoef",
        expected=sk(y, p), true_labels=y, predicted_labels=p)
    y = labels([0, 1, 1, 0, 1])
    p = labels([1, 1, 1, 1, 1])
    add("mcc", "degenerate_constant_prediction", "Label",
        reference="sklearn.metrics.matthews_corrcoef", expected=sk(y, p),
        true_labels=y, predicted_labels=p, note="a zero row/column sum in the confusion matrix: 0")
    y = ["a", "a", "a"]
    p = ["a", "a", "a"]
    add("mcc", "degenerate_single_label", "Label", reference="sklearn.metrics.matthews_corrcoef",
        expected=sk(y, p), true_labels=y, predicted_labels=p)
    y = ["a", "b", "c", "a"]
    add("mcc", "perfect", "Label", reference="sklearn.metrics.matthews_corrcoef",
        expected=sk(y, y), true_labels=y, predicted_labels=y)
    y = labels([0, 1, 0, 1])
    p = labels([1, 0, 1, 0])
    add("mcc", "inverse", "Label", reference="sklearn.metrics.matthews_corrcoef",
        expected=sk(y, p), true_labels=y, predicted_labels=p)


def top_k_error_cases():
    r = rng(71)
    pool = sorted(f"l{i}" for i in range(20))
    truth, ranked = [], []
    for _ in range(300):
        t = pool[r.integers(0, 20)]
        pred = list(r.permutation(pool)[:5])
        if r.random() < 0.4 and t not in pred:
            pred[r.integers(0, 5)] = t
        truth.append(t)
        ranked.append(" ".join(pred))
    add("top_k_error", "default_k_5", "RankedList", reference="formula:formula_top_k_error",
        expected=formula_top_k_error(truth, ranked, 5), true_labels=truth, predicted_labels=ranked)
    add("top_k_error", "k_1", "RankedList", reference="formula:formula_top_k_error",
        expected=formula_top_k_error(truth, ranked, 1), parameters={"k": 1},
        true_labels=truth, predicted_labels=ranked)

    # Cross-check the formula against sklearn where it is expressible: every row ranks all labels.
    scores = np.zeros((len(truth), len(pool)))
    for i, rk in enumerate(ranked):
        listed = rk.split()
        unlisted = [c for c in pool if c not in listed]
        for pos, label in enumerate(listed + unlisted):
            scores[i, pool.index(label)] = len(pool) - pos
    for k in (1, 3, 5):
        sk = 1 - skm.top_k_accuracy_score(truth, scores, k=k, labels=pool)
        assert abs(sk - formula_top_k_error(truth, ranked, k)) < 1e-12

    truth = ["a", "b", "c", "d", "e b"]
    ranked = ["b a", "b b b c", "", "x y z d", "  c   e  "]
    add("top_k_error", "short_lists_duplicates_k_3", "RankedList",
        reference="formula:formula_top_k_error", expected=formula_top_k_error(truth, ranked, 3),
        parameters={"k": "3"}, true_labels=truth, predicted_labels=ranked,
        note="rows may rank fewer than k labels; a true row with several labels hits on any")


def normalized_gini_cases():
    r = rng(81)
    y = (r.random(300) < 0.3).astype(int)
    s = r.random(300) + 0.4 * y
    expected = formula_normalized_gini(y, s)
    assert abs(expected - (2 * skm.roc_auc_score(y, s) - 1)) < 1e-12
    add("normalized_gini", "binary_no_ties", "Probability",
        reference="formula:formula_normalized_gini (equals 2*sklearn roc_auc_score - 1 here)",
        expected=expected, true_values=y, predicted_values=s)

    r = rng(82)
    y = (r.random(200) < 0.4).astype(int)
    s = np.round(r.random(200) * 0.6 + 0.3 * y, 1)
    add("normalized_gini", "binary_ties_kaggle_order", "Probability",
        reference="formula:formula_normalized_gini", expected=formula_normalized_gini(y, s),
        true_values=y, predicted_values=s,
        note=("ties broken by row order as in Kaggle's classic code; 2*AUC-1 would be "
              f"{2 * skm.roc_auc_score(y, s) - 1!r}"))

    y = [1, 1, 0, 1, 0, 0, 1, 0]
    s = [0.5, 0.5, 0.5, 0.5, 0.2, 0.2, 0.8, 0.2]
    add("normalized_gini", "classic_formula_small_ties", "Probability",
        reference="formula:formula_normalized_gini", expected=formula_normalized_gini(y, s),
        true_values=y, predicted_values=s)

    r = rng(83)
    y = np.round(np.where(r.random(250) < 0.6, 0.0, r.exponential(3.0, 250)), 2)
    s = np.round(0.5 * y + r.normal(size=250), 3)
    add("normalized_gini", "continuous_target", "Probability",
        reference="formula:formula_normalized_gini", expected=formula_normalized_gini(y, s),
        true_values=y, predicted_values=s, note="Kaggle's Gini also scores claim amounts")

    y, s = [0, 0, 0], [0.1, 0.4, 0.3]
    add("normalized_gini", "single_class", "Probability",
        reference="formula:formula_normalized_gini", error="only one class",
        reference_behaviour=behaviour(lambda: formula_normalized_gini(y, s)),
        true_values=y, predicted_values=s)


# ---------------------------------------------------------------------------------------------
# Regression
# ---------------------------------------------------------------------------------------------

def regression_pair(seed, n=500, scale=10.0, noise=2.0, decimals=4):
    r = rng(seed)
    y = np.round(r.normal(size=n) * scale, decimals)
    p = np.round(y + r.normal(size=n) * noise, decimals)
    return y, p


def regression_cases():
    y, p = regression_pair(91)
    add("rmse", "random", "Value", reference="sklearn.metrics.mean_squared_error(squared=False)",
        expected=skm.mean_squared_error(y, p, squared=False), true_values=y, predicted_values=p)
    y2, p2 = [3, -0.5, 2, 7], [2.5, 0.0, 2, 8]
    add("rmse", "sklearn_doc_example", "Value",
        reference="sklearn.metrics.mean_squared_error(squared=False)",
        expected=skm.mean_squared_error(y2, p2, squared=False), true_values=y2, predicted_values=p2)
    add("rmse", "perfect", "Value", reference="sklearn.metrics.mean_squared_error(squared=False)",
        expected=skm.mean_squared_error(y2, y2, squared=False), true_values=y2, predicted_values=y2)

    add("mae", "random", "Value", reference="sklearn.metrics.mean_absolute_error",
        expected=skm.mean_absolute_error(y, p), true_values=y, predicted_values=p)
    add("mae", "sklearn_doc_example", "Value", reference="sklearn.metrics.mean_absolute_error",
        expected=skm.mean_absolute_error(y2, p2), true_values=y2, predicted_values=p2)

    add("median_ae", "even_count", "Value", reference="sklearn.metrics.median_absolute_error",
        expected=skm.median_absolute_error(y2, p2), true_values=y2, predicted_values=p2)
    yo, po = regression_pair(92, n=301, decimals=2)
    add("median_ae", "odd_count_random", "Value",
        reference="sklearn.metrics.median_absolute_error",
        expected=skm.median_absolute_error(yo, po), true_values=yo, predicted_values=po)
    add("median_ae", "even_count_random", "Value",
        reference="sklearn.metrics.median_absolute_error",
        expected=skm.median_absolute_error(y, p), true_values=y, predicted_values=p)

    r = rng(93)
    yl = np.round(r.exponential(50.0, 400), 3)
    yl[::25] = 0.0
    pl = np.round(np.maximum(0.0, yl * r.lognormal(0, 0.3, 400)), 3)
    add("rmsle", "random", "Value",
        reference="sqrt(sklearn.metrics.mean_squared_log_error)",
        expected=math.sqrt(skm.mean_squared_log_error(yl, pl)), true_values=yl, predicted_values=pl)
    yn, pn = [1.0, 2.0, 3.0], [1.0, -0.5, 3.0]
    add("rmsle", "negative_prediction", "Value",
        reference="sklearn.metrics.mean_squared_log_error", error="negative",
        reference_behaviour=behaviour(lambda: skm.mean_squared_log_error(yn, pn)),
        true_values=yn, predicted_values=pn)
    add("rmsle", "negative_truth", "Value",
        reference="sklearn.metrics.mean_squared_log_error", error="negative",
        reference_behaviour=behaviour(lambda: skm.mean_squared_log_error(pn, yn)),
        true_values=pn, predicted_values=yn)

    add("r2", "sklearn_doc_example", "Value", reference="sklearn.metrics.r2_score",
        expected=skm.r2_score(y2, p2), true_values=y2, predicted_values=p2)
    add("r2", "random", "Value", reference="sklearn.metrics.r2_score",
        expected=skm.r2_score(y, p), true_values=y, predicted_values=p)
    r = rng(94)
    yb = np.round(r.normal(size=100), 3)
    pb = np.round(r.normal(size=100) * 3, 3)
    add("r2", "negative", "Value", reference="sklearn.metrics.r2_score",
        expected=skm.r2_score(yb, pb), true_values=yb, predicted_values=pb)
    yc = [3.0, 3.0, 3.0]
    add("r2", "constant_truth_perfect", "Value", reference="sklearn.metrics.r2_score",
        expected=skm.r2_score(yc, yc), true_values=yc, predicted_values=yc,
        note="sklearn (force_finite=True): zero numerator gives 1.0")
    pc = [3.0, 3.0, 4.0]
    add("r2", "constant_truth_imperfect", "Value", reference="sklearn.metrics.r2_score",
        expected=skm.r2_score(yc, pc), true_values=yc, predicted_values=pc,
        note="sklearn (force_finite=True): non-zero numerator over zero denominator gives 0.0")
    yd = [0.1] * 7
    pd_ = [0.1] * 6 + [0.3]
    add("r2", "constant_truth_not_representable", "Value",
        reference="sklearn force_finite rule (deliberate deviation, see note)", expected=0.0,
        true_values=yd, predicted_values=pd_,
        reference_behaviour=behaviour(lambda: skm.r2_score(yd, pd_)),
        note=("sklearn 1.2.1 computes mean([0.1]*7) = 0.09999999999999999, so its denominator is "
              "1e-33 instead of 0 and it returns about -3e31; we detect a constant truth exactly "
              "and apply sklearn's documented rule (0.0 when imperfect)"))
    add("r2", "single_row", "Value", reference="sklearn.metrics.r2_score", error="two rows",
        reference_behaviour=behaviour(lambda: skm.r2_score([1.0], [2.0])),
        true_values=[1.0], predicted_values=[2.0])

    r = rng(95)
    yr = np.round(r.uniform(0, 10000, 400))
    yr[::9] = 0.0
    pr = np.round(yr * r.normal(1.0, 0.1, 400) + r.normal(0, 50, 400), 2)
    add("rmspe", "with_zero_truth_rows", "Value", reference="formula:formula_rmspe",
        expected=formula_rmspe(yr, pr), true_values=yr, predicted_values=pr,
        note="rows whose truth is 0 are excluded, as in Kaggle Rossmann")
    add("rmspe", "all_truth_zero", "Value", reference="formula:formula_rmspe",
        error="non-zero", reference_behaviour=behaviour(lambda: formula_rmspe([0, 0], [1, 2])),
        true_values=[0.0, 0.0], predicted_values=[1.0, 2.0])

    ys = np.round(np.maximum(0, r.normal(5, 5, 300)), 1)
    ps = np.round(np.maximum(0, ys + r.normal(0, 2, 300)), 1)
    ys[:5] = 0.0
    ps[:3] = 0.0
    add("smape", "with_zeros", "Value", reference="formula:formula_smape",
        expected=formula_smape(ys, ps), true_values=ys, predicted_values=ps,
        note="0/0 terms (truth and prediction both 0) count as 0")
    yq, pq = [1.0, -2.0, 0.0, 4.0], [1.5, 2.0, 0.0, 0.0]
    add("smape", "fixed_signed", "Value", reference="formula:formula_smape",
        expected=formula_smape(yq, pq), true_values=yq, predicted_values=pq)

    r = rng(96)
    Y = np.round(r.normal(size=(200, 3)) * [1.0, 5.0, 0.5], 4)
    P = np.round(Y + r.normal(size=(200, 3)) * [0.5, 1.0, 0.3], 4)
    add("mcrmse", "three_targets", "Values",
        reference="mean(sklearn.metrics.mean_squared_error(multioutput='raw_values', squared=False))",
        expected=np.mean(skm.mean_squared_error(Y, P, multioutput="raw_values", squared=False)),
        true_columns=columns(Y), predicted_columns=columns(P))
    add("mcrmse", "single_target_equals_rmse", "Values",
        reference="sklearn.metrics.mean_squared_error(squared=False)",
        expected=skm.mean_squared_error(y, p, squared=False),
        true_columns=[list(y)], predicted_columns=[list(p)])

    add("pearson", "random", "Value", reference="scipy.stats.pearsonr",
        expected=stats.pearsonr(y, p)[0], true_values=y, predicted_values=p)
    yx = [1.0, 2.0, 3.0, 4.0]
    px = [8.0, 6.0, 4.0, 2.0]
    add("pearson", "perfect_negative", "Value", reference="scipy.stats.pearsonr",
        expected=stats.pearsonr(yx, px)[0], true_values=yx, predicted_values=px)
    add("pearson", "constant_prediction", "Value", reference="scipy.stats.pearsonr",
        error="constant", reference_behaviour=behaviour(lambda: stats.pearsonr(yx, [2.0] * 4)[0]),
        true_values=yx, predicted_values=[2.0] * 4)
    add("pearson", "constant_truth", "Value", reference="scipy.stats.pearsonr",
        error="constant", reference_behaviour=behaviour(lambda: stats.pearsonr([5.0] * 4, px)[0]),
        true_values=[5.0] * 4, predicted_values=px)
    add("pearson", "single_row", "Value", reference="scipy.stats.pearsonr",
        error="two rows", reference_behaviour=behaviour(lambda: stats.pearsonr([1.0], [2.0])[0]),
        true_values=[1.0], predicted_values=[2.0])

    yt, pt = regression_pair(97, n=300, scale=3.0, noise=2.0, decimals=0)
    add("spearman", "ties", "Value", reference="scipy.stats.spearmanr",
        expected=stats.spearmanr(yt, pt)[0], true_values=yt, predicted_values=pt,
        note="values rounded to integers: many ties, average ranks")
    add("spearman", "no_ties", "Value", reference="scipy.stats.spearmanr",
        expected=stats.spearmanr(y, p)[0], true_values=y, predicted_values=p)
    ym = [1.0, 2.0, 3.0, 4.0, 5.0]
    pm = [1.0, 8.0, 27.0, 64.0, 125.0]
    add("spearman", "monotonic", "Value", reference="scipy.stats.spearmanr",
        expected=stats.spearmanr(ym, pm)[0], true_values=ym, predicted_values=pm)
    add("spearman", "constant_prediction", "Value", reference="scipy.stats.spearmanr",
        error="constant", reference_behaviour=behaviour(lambda: stats.spearmanr(ym, [1.0] * 5)[0]),
        true_values=ym, predicted_values=[1.0] * 5)


# ---------------------------------------------------------------------------------------------
# Ranked and ordinal
# ---------------------------------------------------------------------------------------------

def qwk_sklearn(a, b):
    """sklearn cohen_kappa_score(weights='quadratic') over the contiguous integer range
    min..max (Kaggle's definition); identical to sklearn's default when the labels present form
    a contiguous range."""
    a = [int(float(v)) for v in a]
    b = [int(float(v)) for v in b]
    lo, hi = min(a + b), max(a + b)
    return skm.cohen_kappa_score(a, b, weights="quadratic", labels=list(range(lo, hi + 1)))


def qwk_cases():
    y = labels([0, 1, 2, 3, 4, 2, 1, 0, 3, 4])
    p = labels([0, 2, 2, 3, 3, 1, 1, 0, 4, 4])
    expected = qwk_sklearn(y, p)
    assert abs(expected - skm.cohen_kappa_score(y, p, weights="quadratic")) < 1e-12
    add("qwk", "fixed_grades", "Label",
        reference="sklearn.metrics.cohen_kappa_score(weights='quadratic')", expected=expected,
        true_labels=y, predicted_labels=p)
    r = rng(111)
    yt = r.integers(0, 6, 500)
    yp = np.clip(yt + r.integers(-2, 3, 500) * (r.random(500) < 0.5), 0, 5)
    y, p = labels(yt), labels(yp)
    expected = qwk_sklearn(y, p)
    assert abs(expected - skm.cohen_kappa_score(yt, yp, weights="quadratic")) < 1e-12
    add("qwk", "random_six_grades", "Label",
        reference="sklearn.metrics.cohen_kappa_score(weights='quadratic')", expected=expected,
        true_labels=y, predicted_labels=p)
    y = labels([1, 1, 3, 4, 4, 1, 3])
    p = labels([1, 3, 3, 4, 1, 1, 4])
    add("qwk", "non_contiguous_grades", "Label",
        reference="sklearn.metrics.cohen_kappa_score(weights='quadratic', labels=range(min, max+1))",
        expected=qwk_sklearn(y, p), true_labels=y, predicted_labels=p,
        note=("weights use grade differences (Kaggle); sklearn without labels= would use the "
              f"index among present labels and give {skm.cohen_kappa_score(y, p, weights='quadratic')!r}"))
    y = ["-1", "0", "2", "2"]
    p = ["0", "0", "2.0", "1"]
    add("qwk", "negative_and_decimal_integer_labels", "Label",
        reference="sklearn.metrics.cohen_kappa_score(weights='quadratic', labels=range(min, max+1))",
        expected=qwk_sklearn(y, p), true_labels=y, predicted_labels=p,
        note="'2.0' parses as the integer 2")
    y = ["2", "2", "2"]
    add("qwk", "single_grade", "Label",
        reference="sklearn.metrics.cohen_kappa_score(weights='quadratic')", error="undefined",
        reference_behaviour=behaviour(lambda: skm.cohen_kappa_score(y, y, weights="quadratic")),
        true_labels=y, predicted_labels=y)
    y = ["1", "2"]
    p = ["1", "two"]
    add("qwk", "non_integer_label", "Label", reference="(input validation)", error="integer",
        true_labels=y, predicted_labels=p)


def ranked_cases():
    r = rng(121)
    pool = [f"h{i}" for i in range(30)]
    truth, ranked = [], []
    for _ in range(300):
        t = pool[r.integers(0, 30)]
        pred = list(r.permutation(pool)[:5])
        if r.random() < 0.5 and t not in pred:
            pred[r.integers(0, 5)] = t
        truth.append(t)
        ranked.append(" ".join(pred))
    add("map_at_k", "single_truth_k_5", "RankedList", reference="formula:formula_map_at_k",
        expected=formula_map_at_k(truth, ranked, 5), parameters={"k": 5},
        true_labels=truth, predicted_labels=ranked,
        note="Kaggle ml_metrics mapk; with one true label per row this is MRR capped at k")

    truth = ["a b c", "a", "b d", "", "x y", "c c"]
    ranked = ["a x b", "b a a", "d d b", "a b c", "", "c a c"]
    add("map_at_k", "multi_truth_duplicates_k_3", "RankedList",
        reference="formula:formula_map_at_k", expected=formula_map_at_k(truth, ranked, 3),
        parameters={"k": "3"}, true_labels=truth, predicted_labels=ranked,
        note="repeated predictions score once; an empty truth row scores 0; true labels de-duplicated")

    r = rng(122)
    pool = [f"p{i}" for i in range(12)]
    truth, ranked = [], []
    for _ in range(200):
        nt = int(r.integers(1, 4))
        t = list(r.permutation(pool)[:nt])
        pred = list(r.permutation(pool)[:12])
        truth.append(" ".join(t))
        ranked.append(" ".join(pred))
    add("map_at_k", "multi_truth_random_k_12", "RankedList", reference="formula:formula_map_at_k",
        expected=formula_map_at_k(truth, ranked, 12), parameters={"k": 12},
        true_labels=truth, predicted_labels=ranked)

    # NDCG: expressible with sklearn when every row ranks >= k distinct labels (the unranked
    # labels then tie at positions >= k, where the discount is zero).
    def ndcg_sklearn(truth_rows, ranked_rows, universe, k):
        y_true = np.zeros((len(truth_rows), len(universe)))
        y_score = np.zeros((len(truth_rows), len(universe)))
        for i, (t, rk) in enumerate(zip(truth_rows, ranked_rows)):
            for label in t.split():
                y_true[i, universe.index(label)] = 1.0
            listed = rk.split()
            for pos, label in enumerate(listed):
                y_score[i, universe.index(label)] = len(listed) - pos + 1
        return skm.ndcg_score(y_true, y_score, k=k)

    expected_formula = formula_ndcg_at_k(truth, ranked, 5)
    expected_sklearn = ndcg_sklearn(truth, ranked, pool, 5)
    assert abs(expected_formula - expected_sklearn) < 1e-12
    add("ndcg_at_k", "multi_truth_k_5", "RankedList", reference="sklearn.metrics.ndcg_score(k=5)",
        expected=expected_sklearn, parameters={"k": 5}, true_labels=truth, predicted_labels=ranked)

    r = rng(123)
    truth, ranked = [], []
    for _ in range(250):
        t = pool[r.integers(0, 12)]
        pred = list(r.permutation(pool)[:4])
        truth.append(t)
        ranked.append(" ".join(pred))
    expected_formula = formula_ndcg_at_k(truth, ranked, 3)
    expected_sklearn = ndcg_sklearn(truth, ranked, pool, 3)
    assert abs(expected_formula - expected_sklearn) < 1e-12
    add("ndcg_at_k", "single_truth_k_3", "RankedList", reference="sklearn.metrics.ndcg_score(k=3)",
        expected=expected_sklearn, parameters={"k": "3"}, true_labels=truth,
        predicted_labels=ranked)

    truth = ["a b c", "a", "b d", "", "x y", "c c", "q"]
    ranked = ["a x b", "b a a", "d d b", "a b c", "", "c a c", "q"]
    add("ndcg_at_k", "short_lists_duplicates_k_5", "RankedList",
        reference="formula:formula_ndcg_at_k", expected=formula_ndcg_at_k(truth, ranked, 5),
        parameters={"k": 5}, true_labels=truth, predicted_labels=ranked,
        note="not expressible in sklearn (rows rank fewer than k labels, repeats)")


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------

def random_sentences(seed, n):
    r = rng(seed)
    words = ["the", "The", "cat", "sat", "on", "mat", "MAT", "dog", "ran", "far", "away", "!!!"]
    truth, pred = [], []
    for _ in range(n):
        t = [words[i] for i in r.integers(0, len(words), r.integers(0, 8))]
        keep = [w for w in t if r.random() < 0.6]
        extra = [words[i] for i in r.integers(0, len(words), r.integers(0, 3))]
        truth.append(" ".join(t))
        pred.append("  ".join(keep + extra))
    return truth, pred


def text_cases():
    truth = ["kitten", "flaw", "", "abc", "a\U0001F600b", "", "gumbo", "résumé"]
    pred = ["sitting", "lawn", "abc", "", "ab", "", "gambol", "resume"]
    add("levenshtein", "classic_pairs", "Text", reference="formula:formula_levenshtein",
        expected=formula_mean_levenshtein(truth, pred), true_labels=truth, predicted_labels=pred,
        note="distances count Unicode code points (an emoji is one edit)")
    r = rng(131)
    alphabet = list("abcdeé ")
    truth = ["".join(r.choice(alphabet, r.integers(0, 20))) for _ in range(150)]
    pred = ["".join(r.choice(alphabet, r.integers(0, 20))) for _ in range(150)]
    add("levenshtein", "random_strings", "Text", reference="formula:formula_levenshtein",
        expected=formula_mean_levenshtein(truth, pred), true_labels=truth, predicted_labels=pred)
    add("levenshtein", "random_strings_unit_characters", "Text", reference="formula:formula_levenshtein",
        expected=formula_mean_levenshtein(truth, pred), parameters={"unit": "characters"},
        true_labels=truth, predicted_labels=pred, note="unit: characters is the default")

    truth = ["K AE1 T", "K AE1 T S", "HH AH0 L OW1", "", "AH0", "F OW1 N IY0 M", "a\tb  c", "TH IH1 NG K"]
    pred = ["K AE1 T S", "K AE1 T", "HH EH0 L OW1", "AH0", "", "F OW1 N IY0 M", "a b c", "K N IH1 TH"]
    add("levenshtein", "tokens_phonemes", "Text", reference="formula:formula_levenshtein",
        expected=formula_mean_token_levenshtein(truth, pred), parameters={"unit": "tokens"},
        true_labels=truth, predicted_labels=pred,
        note="unit: tokens; an ARPAbet phoneme (AE1) is one symbol; any run of whitespace separates tokens")
    r = rng(133)
    phones = ["AA1", "AE1", "AH0", "B", "K", "S", "SH", "T", "TH", "Z", "ZH", "é"]
    truth = [" ".join(r.choice(phones, r.integers(0, 12))) for _ in range(200)]
    pred = [" ".join(r.choice(phones, r.integers(0, 12))) for _ in range(200)]
    add("levenshtein", "tokens_random", "Text", reference="formula:formula_levenshtein",
        expected=formula_mean_token_levenshtein(truth, pred), parameters={"unit": "tokens"},
        true_labels=truth, predicted_labels=pred)

    truth = ["Sooo SAD I will miss you here in San Diego!!!", "my boss is bullying me...",
             "", "", "what interview! leave me alone", "Hello hello HELLO", "a\tb\nc"]
    pred = ["Sooo SAD", "bullying me", "", "something", "leave me alone", "hello", "c  b a"]
    add("jaccard", "tweet_examples", "Text", reference="formula:formula_jaccard",
        expected=mean_of(formula_jaccard, truth, pred), true_labels=truth, predicted_labels=pred,
        note="lower-cased whitespace tokens as sets; both empty counts as 1, one empty as 0")
    add("dice", "tweet_examples", "Text", reference="formula:formula_dice",
        expected=mean_of(formula_dice, truth, pred), true_labels=truth, predicted_labels=pred,
        note="same tokenisation as jaccard; both empty counts as 1")
    truth, pred = random_sentences(132, 200)
    add("jaccard", "random_sentences", "Text", reference="formula:formula_jaccard",
        expected=mean_of(formula_jaccard, truth, pred), true_labels=truth, predicted_labels=pred)
    add("dice", "random_sentences", "Text", reference="formula:formula_dice",
        expected=mean_of(formula_dice, truth, pred), true_labels=truth, predicted_labels=pred)
    add("jaccard", "both_empty", "Text", reference="formula:formula_jaccard",
        expected=mean_of(formula_jaccard, ["", " "], ["", "\t"]), true_labels=["", " "],
        predicted_labels=["", "\t"])
    add("dice", "both_empty", "Text", reference="formula:formula_dice",
        expected=mean_of(formula_dice, ["", " "], ["", "\t"]), true_labels=["", " "],
        predicted_labels=["", "\t"])


def write(path):
    header = {
        "generated_by": "tests/reference/metric_reference.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__,
                     "scipy": scipy.__version__, "sklearn": sklearn.__version__},
    }
    lines = ["{"]
    for key, value in header.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, sort_keys=True)},")
    lines.append('  "cases": [')
    body = [
        "    " + json.dumps(c, ensure_ascii=True, allow_nan=False, separators=(", ", ": "))
        for c in CASES
    ]
    lines.append(",\n".join(body))
    lines.append("  ]")
    lines.append("}")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    accuracy_cases()
    roc_auc_cases()
    roc_auc_ovr_cases()
    log_loss_cases()
    multiclass_log_loss_cases()
    fscore_cases()
    mcc_cases()
    top_k_error_cases()
    normalized_gini_cases()
    regression_cases()
    qwk_cases()
    ranked_cases()
    text_cases()
    write(args.output)
    print(f"wrote {len(CASES)} cases for {len({c['metric'] for c in CASES})} metrics to "
          f"{os.path.normpath(args.output)}")


if __name__ == "__main__":
    main()
