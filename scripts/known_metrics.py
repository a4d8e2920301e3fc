#!/usr/bin/env python3
"""Generates src/MleDojo.Core/Importing/known-metrics.csv: for every competition MLE-bench and MLE-Dojo ship, our
metric (name, parameters, direction, submission kind) where one is equivalent, else `external` (the folder's own
grade.py / metric.py runs in the grader process at import).

Derived from the two projects' sources, read from git (no work tree needed):
  MLE-bench: config.yaml grader.name plus the helper and sklearn calls of grade.py;
  MLE-Dojo:  the sklearn/scipy call and the higher_is_better default of utils/metric.py.
A competition is mapped only when its grader is one plain call of a metric we implement on one target column (or
the well-known one-hot log-loss helper); anything else (several metrics, loops over columns, custom formulas,
thresholds) is marked external rather than approximated.

Usage: scripts/known_metrics.py [--mlebench REPO.git] [--mledojo REPO.git] [--out CSV]
"""
import argparse
import csv
import json
import re
import subprocess
import sys

import yaml

MLEBENCH = "/work/.mirror/openai+mle-bench/repo"
MLEDOJO = "/work/.mirror/MLE-Dojo+MLE-Dojo/repo"
OUT = "src/MleDojo.Core/Importing/known-metrics.csv"

# Our metric library: name -> (kind, higher_is_better). Checked against MetricRegistry by a unit test.
LIBRARY = {
    "accuracy": ("label", True), "roc_auc": ("probability", True), "log_loss": ("probability", False),
    "multiclass_log_loss": ("class_probabilities", False), "rmse": ("value", False), "rmsle": ("value", False),
    "mae": ("value", False), "median_ae": ("value", False), "r2": ("value", True), "qwk": ("label", True),
    "mcc": ("label", True), "pearson": ("value", True), "spearman": ("value", True), "map_at_k": ("ranked_list", True),
    "levenshtein": ("text", False), "jaccard": ("text", True), "f1": ("label", True),
}

# Hand-checked decisions that the patterns below cannot see; each says why.
OVERRIDES = {
    ("mle-bench", "spooky-author-identification"): ("multiclass_log_loss", "", "MLE-bench applies softmax to submitted probabilities; ours scores them as Kaggle did"),
    ("mle-bench", "leaf-classification"): ("multiclass_log_loss", "", "MLE-bench applies softmax to submitted probabilities; ours scores them as Kaggle did"),
    ("mle-bench", "dog-breed-identification"): ("multiclass_log_loss", "", "MLE-bench applies softmax to submitted probabilities; ours scores them as Kaggle did"),
    ("mle-bench", "whale-categorization-playground"): ("map_at_k", "k=5", "space-separated Ids, best first"),
    ("mle-bench", "h-and-m-personalized-fashion-recommendations"): ("map_at_k", "k=12", "space-separated article ids, best first"),
    ("mle-bench", "tweet-sentiment-extraction"): ("jaccard", "", "Kaggle's word-level Jaccard on selected_text"),
}


def git_ls(repo, prefix):
    out = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "--name-only", "HEAD", prefix], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def git_show(repo, path):
    out = subprocess.run(["git", "-C", repo, "show", f"HEAD:{path}"], capture_output=True, text=True)
    return out.stdout if out.returncode == 0 else None


def code_only(source):
    """The source without comments and docstrings, so a metric named in prose does not count as called."""
    source = re.sub(r'(?s)""".*?"""|\'\'\'.*?\'\'\'', "", source)
    return "\n".join(line.split("#", 1)[0] for line in source.splitlines())


def calls(source, names):
    return {n for n in names if re.search(rf"\b{re.escape(n)}\s*\(", source)}


METRIC_CALLS = {
    "accuracy_score": "accuracy", "roc_auc_score": "roc_auc", "log_loss": "log_loss", "mean_absolute_error": "mae",
    "median_absolute_error": "median_ae", "r2_score": "r2", "matthews_corrcoef": "mcc", "pearsonr": "pearson",
    "spearmanr": "spearman", "cohen_kappa_score": "qwk", "mean_squared_error": "mse", "root_mean_squared_error": "rmse",
    "mean_squared_log_error": "msle", "f1_score": "f1",
}
COMPLEX = re.compile(r"\bfor\b[^\n]*\b(col|column|columns|target|targets|cls|class|label|labels)\b|\.columns\[1:\]|\bmean\(\s*\[|np\.mean\(\s*\[|\bgroupby\(|\bthreshold|MultiLabelBinarizer|average\s*=\s*['\"](weighted|samples)|multi_class")


def from_calls(source):
    """One plain metric call -> our metric name and parameters, or None."""
    found = calls(source, METRIC_CALLS)
    if COMPLEX.search(source):
        return None
    mapped = {METRIC_CALLS[c] for c in found}
    if mapped == {"mse"} and re.search(r"np\.sqrt|squared\s*=\s*False|\*\*\s*0\.5", source):
        return ("rmse", "")
    if mapped == {"msle"} and re.search(r"np\.sqrt|\*\*\s*0\.5", source):
        return ("rmsle", "")
    if mapped == {"qwk"}:
        return ("qwk", "") if re.search(r"weights\s*=\s*['\"]quadratic", source) else None
    if mapped == {"f1"}:
        m = re.search(r"average\s*=\s*['\"](macro|micro|binary)['\"]", source)
        return ("f1", f"average={m.group(1)}") if m else None
    if len(mapped) == 1 and (name := next(iter(mapped))) in LIBRARY and name not in ("f1",):
        return (name, "")
    return None


def category_map():
    info = json.loads(git_show(MLEDOJO, "mledojo/competitions/competition.json") or "{}")
    categories = {}
    for group, name in (("NLP", "nlp"), ("CV", "cv"), ("Tabular", "tabular")):
        for cid in info.get("Evaluation", {}).get(group, []):
            categories[cid] = name
    return categories


CV_HINTS = re.compile(r"\bimages?\b|segmentation|\bmasks?\b|\bpixels?\b|dicom|bounding box|x-rays?\b|\bphotos?\b", re.I)
NLP_HINTS = re.compile(r"\btexts?\b|\bsentences?\b|\bcomments?\b|\btweets?\b|\bessays?\b|\btokens?\b|\bwords?\b|\btranslation\b", re.I)


def guess_category(cid, categories, text):
    """MLE-Dojo's own grouping where it has one; else the modality the overview talks about most (3+ mentions)."""
    if cid in categories:
        return categories[cid]
    cv, nlp = len(CV_HINTS.findall(text)), len(NLP_HINTS.findall(text))
    if max(cv, nlp) < 3:
        return "tabular"
    return "cv" if cv >= nlp else "nlp"


def row(fmt, cid, mapped, source_metric, category, note, direction=None):
    if mapped is None:
        return [fmt, cid, "external", "", "" if direction is None else str(direction).lower(), "", "", category, source_metric, note or "no equivalent library metric: graded by the folder's own code"]
    name, params = mapped
    kind, higher = LIBRARY[name]
    if direction is not None and direction != higher:
        return [fmt, cid, "external", "", str(direction).lower(), "", "", category, source_metric, f"source direction disagrees with {name}: graded by the folder's own code"]
    return [fmt, cid, "mapped", name, str(higher).lower(), kind, params, category, source_metric, note]


def mle_bench(categories):
    rows = []
    configs = sorted(p for p in git_ls(MLEBENCH, "mlebench/competitions") if p.endswith("/config.yaml"))
    for path in configs:
        cid = path.split("/")[2]
        config = yaml.safe_load(git_show(MLEBENCH, path))
        grader = (config.get("grader") or {}).get("name", "")
        grade = code_only(git_show(MLEBENCH, path.replace("config.yaml", "grade.py")) or "")
        description = git_show(MLEBENCH, path.replace("config.yaml", "description.md")) or ""
        category = guess_category(cid, categories, description[:3000])
        if (fmt_id := ("mle-bench", cid)) in OVERRIDES:
            name, params, note = OVERRIDES[fmt_id]
            rows.append(row("mle-bench", cid, (name, params), grader, category, note))
            continue
        mapped = None
        if "prepare_for_accuracy_metric" in grade and calls(grade, METRIC_CALLS) == {"accuracy_score"} and grader in ("accuracy", "multi-class-classification-accuracy"):
            mapped = ("accuracy", "")
        elif "prepare_for_auroc_metric" in grade and calls(grade, METRIC_CALLS) == {"roc_auc_score"} and not COMPLEX.search(grade):
            mapped = ("roc_auc", "")
        elif grader in ("root-mean-squared-error", "root_mean_squared_error", "mean-absolute-error", "quadratic-weighted-kappa",
                        "matthews-correlation-coefficient", "pearson-correlation-coefficient", "log-loss", "accuracy"):
            mapped = from_calls(grade)
        elif grader in ("levenshtein-distance", "levenhstein-distance") and "distance(" in grade and not COMPLEX.search(grade):
            mapped = ("levenshtein", "")
        rows.append(row("mle-bench", cid, mapped, grader, category, ""))
    return rows


def mle_dojo(categories):
    rows = []
    metrics = sorted(p for p in git_ls(MLEDOJO, "mledojo/competitions") if p.endswith("/utils/metric.py"))
    for path in metrics:
        cid = path.split("/")[2]
        source = git_show(MLEDOJO, path) or ""
        code = code_only(source)
        m = re.search(r"higher_is_better\s*:\s*bool\s*=\s*(True|False)", code)
        direction = None if m is None else m.group(1) == "True"
        evaluate = code.split("def validate_submission", 1)[0]
        description = git_show(MLEDOJO, path.replace("utils/metric.py", "info/description.txt")) or ""
        category = guess_category(cid, categories, description[:3000])
        mapped = from_calls(evaluate)
        if mapped and mapped[0] == "log_loss":
            mapped = None  # binary or multi-class cannot be told from the call alone
        called = ",".join(sorted(calls(evaluate, METRIC_CALLS))) or "custom"
        rows.append(row("mle-dojo", cid, mapped, called, category, "", direction))
    return rows


def main():
    global MLEBENCH, MLEDOJO
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mlebench", default=MLEBENCH)
    parser.add_argument("--mledojo", default=MLEDOJO)
    parser.add_argument("--out", default=OUT)
    args = parser.parse_args()
    MLEBENCH, MLEDOJO = args.mlebench, args.mledojo
    categories = category_map()
    rows = mle_bench(categories) + mle_dojo(categories)
    with open(args.out, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["format", "competition_id", "status", "metric", "higher_is_better", "kind", "parameters", "category", "source_metric", "note"])
        writer.writerows(rows)
    for fmt in ("mle-bench", "mle-dojo"):
        mine = [r for r in rows if r[0] == fmt]
        mapped = sum(1 for r in mine if r[2] == "mapped")
        print(f"{fmt}: {len(mine)} competitions, {mapped} mapped, {len(mine) - mapped} external", file=sys.stderr)


if __name__ == "__main__":
    main()
