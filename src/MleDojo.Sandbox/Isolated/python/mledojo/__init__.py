"""Shim of the MLE-Dojo package: only what competition prepare.py and metric.py files import."""
