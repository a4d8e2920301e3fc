"""Helpers shared by the mlebench and mledojo shims: small real implementations of what prepare.py,
grade.py and metric.py files import from those packages, on the sandbox's numpy/pandas/scipy stack."""
import logging
import zipfile
import tarfile
from pathlib import Path

import numpy as np
import pandas as pd

COMPRESSED_SUFFIXES = [".zip", ".tar", ".gz", ".tgz", ".tar.gz", ".rar", ".7z"]


def get_logger(name, level=logging.INFO, filename=None):
    logging.basicConfig(level=level, format="[%(asctime)s] [%(filename)s:%(lineno)d] %(message)s", filename=filename)
    return logging.getLogger(name)


logger = get_logger("mledojo.import")


def is_compressed(fpath):
    return Path(fpath).suffix in COMPRESSED_SUFFIXES


def _safe_members(names, dst):
    root = Path(dst).resolve()
    for name in names:
        target = (root / name).resolve()
        if target != root and root not in target.parents:
            raise ValueError(f"archive member {name!r} would be written outside {dst}")


def extract(compressed, dst, recursive=False, already_extracted=None):
    """Extracts a .zip (or .tar/.tgz) archive into dst; nested archives too when recursive."""
    compressed, dst = Path(compressed), Path(dst)
    already_extracted = set() if already_extracted is None else already_extracted
    assert compressed.exists(), f"File `{compressed}` does not exist."
    assert compressed.is_file(), f"Path `{compressed}` is not a file."
    assert is_compressed(compressed), f"File `{compressed}` is not compressed."
    name = compressed.name.lower()
    if name.endswith(".zip"):
        with zipfile.ZipFile(compressed) as archive:
            _safe_members(archive.namelist(), dst)
            archive.extractall(dst)
    elif name.endswith((".tar", ".tgz", ".tar.gz")):
        with tarfile.open(compressed) as archive:
            _safe_members(archive.getnames(), dst)
            archive.extractall(dst)
    elif name.endswith(".7z"):
        raise NotImplementedError(
            f"`{compressed.name}` is a 7z archive and the sandbox has no py7zr: extract it on the host "
            "(7z x) and pass the extracted directory as --data.")
    else:
        raise NotImplementedError(f"Unsupported compression format: `{compressed.suffix}`.")
    already_extracted.add(compressed)
    if recursive:
        for fpath in sorted(set(dst.iterdir()) - already_extracted):
            if is_compressed(fpath):
                already_extracted.add(fpath)
                extract(fpath, fpath.parent, recursive=True, already_extracted=already_extracted)


def compress(src, compressed, exist_ok=False):
    src, compressed = Path(src), Path(compressed)
    assert src.is_dir(), f"Expected a directory, but got `{src}`."
    if not exist_ok:
        assert not compressed.exists(), f"Compressed file `{compressed}` already exists."
    if compressed.suffix != ".zip":
        raise NotImplementedError(f"Unsupported compression format: `{compressed.suffix}` (the shim writes .zip only).")
    with zipfile.ZipFile(compressed, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in src.rglob("*") if p.is_file()):
            archive.write(path, arcname=path.relative_to(src))


def is_empty(dir):
    assert Path(dir).is_dir(), f"Expected a directory, but got `{dir}`."
    return not any(Path(dir).iterdir())


def read_csv(*args, **kwargs):
    try:
        return pd.read_csv(*args, **{"float_precision": "round_trip", **kwargs})
    except pd.errors.EmptyDataError:
        logger.warning(f"CSV file empty! {args[0] if args else ''}")
        return pd.DataFrame()


def df_to_one_hot(df, id_column, target_column, classes):
    one_hot = pd.DataFrame(0, index=df.index, columns=[id_column] + list(classes))
    one_hot[id_column] = df[id_column]
    for i, row in df.iterrows():
        one_hot.loc[i, row[target_column]] = 1
    return one_hot


def rle_encode(x, fg_val=1):
    dots = np.where(x.T.flatten() == fg_val)[0]
    run_lengths = []
    prev = -2
    for b in dots:
        if b > prev + 1:
            run_lengths.extend((b + 1, 0))
        run_lengths[-1] += 1
        prev = b
    return run_lengths


def rle_decode(rle_string, height, width):
    assert isinstance(rle_string, str), f"Expected a string, but got {type(rle_string)}: {rle_string}"
    if not rle_string.strip():
        return np.zeros((height, width), dtype=bool)
    s = list(map(int, rle_string.split()))
    starts, lengths = s[0::2], s[1::2]
    assert starts == sorted(starts), "The pairs in the RLE string must be sorted."
    assert all(x > 0 for x in starts) and all(x > 0 for x in lengths), "All pairs in the RLE string must be positive integers."
    img = np.zeros(height * width, dtype=bool)
    for lo, hi in zip(np.array(starts) - 1, np.array(starts) - 1 + lengths):
        assert not img[lo:hi].any(), "Overlapping RLE pairs are not allowed."
        img[lo:hi] = True
    return img.reshape((width, height)).T
