"""Shim of mlebench.metrics for grade.py files."""
import numpy as np


def average_precision_at_k(actual, predicted, k):
    predicted = predicted[:k]
    score, hits = 0.0, 0.0
    for i, p in enumerate(predicted):
        if p in actual and p not in predicted[:i]:
            hits += 1.0
            score += hits / (i + 1.0)
    return 0.0 if not actual else score / min(len(actual), k)


def mean_average_precision_at_k(actual, predicted, k):
    return np.mean([average_precision_at_k(a, p, k) for a, p in zip(actual, predicted)])


def dice_coefficient(predicted_mask, true_mask, both_empty_value=np.nan):
    assert predicted_mask.shape == true_mask.shape, "mask shapes differ"
    union = np.sum(predicted_mask) + np.sum(true_mask)
    if union == 0:
        return both_empty_value
    return 2 * np.sum(predicted_mask * true_mask) / union
