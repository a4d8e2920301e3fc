"""Shim of mledojo.competitions.utils for prepare.py files."""
from _mledojo_shim_common import (  # noqa: F401
    compress, df_to_one_hot, extract, get_logger, is_compressed, is_empty, read_csv, rle_encode)


def download_competition_data(comp_name, data_dir):
    raise RuntimeError("Downloading is not possible here: prepare.py runs without network. Pass the Kaggle download with --data.")
