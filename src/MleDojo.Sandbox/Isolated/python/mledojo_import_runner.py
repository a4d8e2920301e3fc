"""Runs an imported competition's own Python (prepare.py, grade.py, metric.py) inside the isolated sandbox.

The server writes job.json next to the working directory; this script's own directory holds the shim packages
(mlebench, mledojo, tqdm), which Python puts first on sys.path. Exit codes: 0 done, 1 the competition's code
failed, 2 a bad job, 3 the code needed the network (there is none).
"""
import importlib.util
import json
import math
import socket
import sys
import traceback
import types
import urllib.error
from pathlib import Path

PACKAGE = "_imported_competition"


def load_module(path, package_dir):
    """Imports path as a submodule of a package rooted at package_dir, so its relative imports work."""
    package_dir = Path(package_dir).resolve()
    path = Path(path).resolve()
    root = types.ModuleType(PACKAGE)
    root.__path__ = [str(package_dir)]
    sys.modules[PACKAGE] = root
    parts = path.relative_to(package_dir).with_suffix("").parts
    name, directory = PACKAGE, package_dir
    for part in parts[:-1]:
        directory = directory / part
        name = f"{name}.{part}"
        sub = types.ModuleType(name)
        sub.__path__ = [str(directory)]
        sys.modules[name] = sub
    name = f"{name}.{parts[-1]}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def is_network_error(error):
    return isinstance(error, (socket.gaierror, socket.timeout, ConnectionError, urllib.error.URLError)) or (
        isinstance(error, OSError) and error.errno in (101, 111, 113, -2, -3))


def prepare(job):
    module = load_module(job["module"], job["package_dir"])
    if not hasattr(module, "prepare"):
        print(f"{job['module']} defines no prepare(raw, public, private) function.", file=sys.stderr)
        return 2
    module.prepare(Path(job["raw"]).resolve(), Path(job["public"]).resolve(), Path(job["private"]).resolve())
    return 0


def invalid_errors():
    from mlebench.grade_helpers import InvalidSubmissionError as BenchInvalid
    from mledojo.metrics.base import InvalidSubmissionError as DojoInvalid
    return BenchInvalid, DojoInvalid


def scorer(job):
    module = load_module(job["module"], job["package_dir"])
    if job["format"] == "mle-bench":
        if not hasattr(module, "grade"):
            raise LookupError(f"{job['module']} defines no grade(submission, answers) function")
        return lambda submission, answers: module.grade(submission, answers)
    from mledojo.metrics.base import CompetitionMetrics
    classes = [c for c in vars(module).values()
               if isinstance(c, type) and issubclass(c, CompetitionMetrics) and c is not CompetitionMetrics and c.__module__ == module.__name__]
    if len(classes) != 1:
        raise LookupError(f"{job['module']} must define exactly one CompetitionMetrics subclass; found {len(classes)}")
    metric = classes[0]()

    def score(submission, answers):
        metric.validate_submission(submission.copy(), answers.copy())
        return metric.evaluate(answers, submission)
    return score


def grade(job):
    import pandas as pd
    result = {}
    try:
        score = scorer(job)
    except Exception as error:  # the grader itself is broken: not the agent's fault
        result = {"error": f"loading {job['module']} failed: {type(error).__name__}: {error}"}
        traceback.print_exc()
        return finish(job, result)
    invalid = invalid_errors()
    try:
        submission = pd.read_csv(job["submission"])
    except Exception as error:
        return finish(job, {"invalid": f"The submission could not be read as CSV: {error}"})
    answers = pd.read_csv(job["answers"])
    usage = answers.pop("Usage")
    id_column = job["id_column"]
    if id_column not in submission.columns:
        return finish(job, {"invalid": f"The submission has no {id_column} column."})
    ids = submission[id_column].astype(str)
    for split, key in (("Public", "public"), ("Private", "private")):
        part = answers[usage == split].reset_index(drop=True)
        rows = submission[ids.isin(set(part[id_column].astype(str)))].reset_index(drop=True)
        try:
            value = float(score(rows.copy(), part.copy()))
        except invalid as error:
            return finish(job, {"invalid": str(error) or type(error).__name__})
        except Exception as error:
            traceback.print_exc()
            return finish(job, {"error": f"{type(error).__name__}: {error}"})
        if not math.isfinite(value):
            return finish(job, {"error": f"the grader returned {value} on the {key} rows"})
        result[key] = value
    return finish(job, result)


def finish(job, result):
    Path(job["result"]).write_text(json.dumps(result))
    return 0


def main():
    job = json.loads(Path("job.json").read_text())
    try:
        return {"prepare": prepare, "grade": grade}[job["mode"]](job)
    except Exception as error:
        traceback.print_exc()
        if is_network_error(error):
            print("mledojo: this code needs the network, which is not available here: "
                  "everything it downloads must already be in the --data download.", file=sys.stderr)
            return 3
        return 1


if __name__ == "__main__":
    sys.exit(main())
