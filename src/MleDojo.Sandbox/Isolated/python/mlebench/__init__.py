"""Shim of the MLE-bench package: only what competition prepare.py and grade.py files import."""
