"""Shim of mledojo.metrics.base: the base class of a competition's metric.py and its validation error."""
from abc import abstractmethod


class CompetitionMetrics:
    """A competition metric: evaluate(y_true, y_pred) and validate_submission(submission, ground_truth)."""

    subclasses = []

    def __init__(self, higher_is_better=True):
        self.higher_is_better = higher_is_better

    @abstractmethod
    def evaluate(self, y_true, y_pred):
        pass

    @abstractmethod
    def validate_submission(self, submission, ground_truth):
        pass

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        CompetitionMetrics.subclasses.append(cls)


class InvalidSubmissionError(Exception):
    """The submission cannot be graded; the message is shown to the agent as a validation error."""
