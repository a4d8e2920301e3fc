"""Shim of mlebench.competitions.utils for prepare.py and grade.py files."""
import numpy as np
import pandas as pd
from scipy.special import softmax

from mlebench.grade_helpers import InvalidSubmissionError
from _mledojo_shim_common import df_to_one_hot, get_logger, rle_decode, rle_encode  # noqa: F401


def rles_to_masks(rl_encodings, image_heights, image_widths):
    return [rle_decode(e, height=h, width=w) for e, h, w in zip(rl_encodings, image_heights, image_widths)]


def get_ids_from_tf_records(tf_record_path, id_feature="image_name"):
    raise NotImplementedError("get_ids_from_tf_records needs TensorFlow, which the sandbox does not have.")


def is_one_hot_encoded(xs):
    assert isinstance(xs, np.ndarray) and xs.ndim == 2, "Expected a 2D NumPy array."
    return bool(np.bitwise_or(xs == 0, xs == 1).all() and np.allclose(xs.sum(axis=-1), 1))


def one_hot_dfs_to_log_loss_inputs(submission_one_hot, answers_one_hot, id_column="id", apply_softmax=True):
    required, present = set(answers_one_hot.columns), set(submission_one_hot.columns)
    if not present.issuperset(required):
        raise InvalidSubmissionError(f"The submission is missing columns required by the answers: {sorted(required - present)}.")
    if id_column not in submission_one_hot.columns:
        raise InvalidSubmissionError(f"Submission is missing id column '{id_column}'.")
    sub = submission_one_hot[[c for c in answers_one_hot.columns if c in present]].sort_values(by=id_column).reset_index(drop=True)
    ans = answers_one_hot.sort_values(by=id_column).reset_index(drop=True)
    if sub[id_column].tolist() != ans[id_column].tolist():
        raise InvalidSubmissionError(f"The submission's {id_column} values differ from the answers'.")
    y_true = ans.drop(columns=[id_column]).to_numpy()
    y_pred = sub.drop(columns=[id_column]).to_numpy()
    if apply_softmax and not is_one_hot_encoded(y_pred):
        y_pred = softmax(y_pred, axis=-1)
    return {"y_true": y_true, "y_pred": y_pred}


def prepare_for_accuracy_metric(submission, answers, target_column, id_column):
    assert target_column in answers.columns and id_column in answers.columns, "answers lack the target or id column"
    if len(submission) != len(answers):
        raise InvalidSubmissionError("Submission must have the same length as the answers.")
    for column in (target_column, id_column):
        if column not in submission.columns:
            raise InvalidSubmissionError(f"Submission must have a `{column}` column")
    submission = submission.sort_values(id_column)
    answers = answers.sort_values(id_column)
    if (submission[id_column].values != answers[id_column].values).any():
        raise InvalidSubmissionError(f"Submission and Answers `{id_column}`'s do not match")
    return {"y_true": answers[target_column].to_numpy(), "y_pred": submission[target_column].to_numpy()}


def prepare_for_auroc_metric(submission, answers, id_col, target_col):
    assert id_col in answers.columns and target_col in answers.columns, "answers lack the target or id column"
    for column in (id_col, target_col):
        if column not in submission.columns:
            raise InvalidSubmissionError(f"Submission should have a {column} column")
    if len(submission) != len(answers):
        raise InvalidSubmissionError("Submission and answers should have the same number of rows")
    try:
        pd.to_numeric(submission[target_col])
    except ValueError:
        raise InvalidSubmissionError(f"Expected {target_col} column to be numeric, got {submission[target_col].dtype} instead")
    if submission[target_col].min() < 0 or submission[target_col].max() > 1:
        raise InvalidSubmissionError(f"Submission {target_col} column should contain probabilities between 0 and 1 inclusive")
    submission = submission.sort_values(id_col)
    answers = answers.sort_values(id_col)
    if (submission[id_col].values != answers[id_col].values).any():
        raise InvalidSubmissionError(f"Submission and answers should have the same {id_col} values")
    return {"y_true": answers[target_col].to_numpy(), "y_score": submission[target_col].to_numpy()}
