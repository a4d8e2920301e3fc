"""Shim of mlebench.grade_helpers: the exception a grade() raises for a submission it cannot grade."""


class InvalidSubmissionError(Exception):
    """The submission cannot be graded; the message is shown to the agent as a validation error."""
