"""Shim of mlebench.utils for prepare.py files."""
from _mledojo_shim_common import compress, extract, get_logger, is_compressed, is_empty, read_csv  # noqa: F401
