"""What every warm template shares (the local one in mledojo_warm_template.py, the Docker one in
mledojo_warm_docker.py): the preload of the ML stack, and running a script in a forked child as `python3 script.py`
would run it in a fresh interpreter (fresh random state, the original environment and thread settings, `__main__`,
argv, `__file__`, tracebacks from the script's own frame, the exit code of sys.exit or an exception)."""
import ctypes
import gc
import json
import os
import signal
import sys
import time

SETUP_FAILED = 249  # a run's exit code when the template could not prepare it (the server explains it)
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
PR_SET_DUMPABLE = 4

libc = ctypes.CDLL(None, use_errno=True)
_thread_pools = None  # the preloaded BLAS/OpenMP libraries, found once by threadpoolctl (a scan costs ~100 ms)


def check(result, what):
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def shell_exit_code(status):
    """A wait status as a shell reports it: the exit code, or 128 + the signal that killed the process."""
    code = os.waitstatus_to_exitcode(status)
    return 128 - code if code < 0 else code


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def emit(out, **event):
    # A large event (relayed output) can be written in parts: a signal may cut a write to a pipe short.
    data = memoryview((json.dumps(event) + "\n").encode())
    while data:
        data = data[os.write(out, data):]


def warm_up(modules, started, rehearse=False):
    """Imports the modules with one thread per pool, optionally rehearses, and freezes the heap; returns the
    environment runs get back and the fields of the template's ready event."""
    # Thread pools stay unstarted in the template (forking a process with threads keeps only the forking one); each
    # run gets the configured sizes back before its script starts.
    originals = dict(os.environ)
    for key in THREAD_VARIABLES:
        os.environ[key] = "1"
    failed = _preload(modules)
    global _thread_pools
    try:
        import threadpoolctl
        _thread_pools = threadpoolctl.ThreadpoolController()
    except Exception as error:  # noqa: BLE001 - without it runs keep one thread per pool; say so
        failed.append(f"threadpoolctl: {error}")
    if rehearse:
        try:
            _rehearse()
        except Exception as error:  # noqa: BLE001 - a rehearsal that fails only leaves its first calls to the runs
            failed.append(f"rehearsal: {error}")
    gc.collect()
    gc.freeze()  # the collector would otherwise write to every inherited object and copy the template's pages
    ready = dict(
        seconds=round(time.monotonic() - started, 3),
        rssAnonKb=_status_kb("RssAnon:"),
        vmKb=_status_kb("VmSize:"),
        failed=failed)
    return originals, ready


def run_as_main(script, originals):
    """In the forked runner, with its stdio, cwd, identity and limits in place: runs the script and exits as a fresh
    interpreter would (by the same signal when the script died of one)."""
    restore_process_state(originals)
    run_prepared(script)


def run_prepared(script, done=None):
    """run_as_main for a runner whose process state was restored already (a spare, restored while it waited). A
    runner with a `done` pipe writes its exit code there once its output is closed, so its init
    need not wait for the kernel to tear the process down."""
    code = _run_script(script)
    if code < 0:
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    if done is not None:
        for fd in (0, 1, 2):
            os.close(fd)
        os.write(done, code.to_bytes(4, "little"))
    os._exit(code)


def restore_process_state(originals):
    """What a fresh interpreter would have and the template does not: the run's thread settings, fresh random state."""
    # The environment a cold run starts with: imports may have set variables (scikit-learn sets KMP_* ones).
    os.environ.clear()
    os.environ.update(originals)
    if _thread_pools is not None:
        _thread_pools.limit(limits=int(originals.get("OMP_NUM_THREADS", "1")))
        _follow_thread_variables()
    import random
    random.seed()
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()
    process = sys.modules.get("multiprocessing.process")
    if process is not None:
        process.current_process().authkey = os.urandom(32)
    gc.unfreeze()


def _rehearse():
    """First calls cost more than later ones: pandas' CSV reader and writer build their machinery, ABC checks fill
    their caches, optional dependencies are looked for on sys.path, scikit-learn's solvers load their helpers. A
    typical tabular step makes exactly these calls, so the template makes each once on a tiny table in a scratch
    directory, and runs start past them. Warnings are silenced here without being recorded as shown, so a run still
    sees every warning a fresh interpreter would. Nothing here starts a thread (the pools have one thread each)."""
    import tempfile
    import warnings
    pandas = sys.modules.get("pandas")
    numpy = sys.modules.get("numpy")
    if pandas is None or numpy is None:
        return
    with warnings.catch_warnings(), tempfile.TemporaryDirectory() as directory:
        warnings.simplefilter("ignore")
        path = os.path.join(directory, "rehearsal.csv")
        values = numpy.linspace(0.0, 1.0, 40)
        frame = pandas.DataFrame({"id": range(40), "x": values, "w": values[::-1], "label": ["a", "b"] * 20})
        frame.loc[::7, "w"] = numpy.nan
        frame.to_csv(path, index=False)
        frame = pandas.read_csv(path)
        features = [c for c in frame.columns if c not in ("id", "label") and frame[c].dtype != object]
        filled = frame[features].fillna(frame[features].median())
        frame.describe()
        frame.groupby("label")[features].mean()
        linear = sys.modules.get("sklearn.linear_model")
        if linear is not None:
            model = linear.LogisticRegression(max_iter=20).fit(filled, frame["label"])
            out = pandas.DataFrame(model.predict_proba(filled), columns=model.classes_)
            out.insert(0, "id", frame["id"])
            out.to_csv(os.path.join(directory, "out.csv"), index=False)
            linear.Ridge().fit(filled, frame["x"]).predict(filled)
        ensemble = sys.modules.get("sklearn.ensemble")
        if ensemble is not None:
            ensemble.RandomForestClassifier(n_estimators=2, random_state=0).fit(filled, frame["label"]).predict(filled)
        selection = sys.modules.get("sklearn.model_selection")
        if selection is not None:
            selection.train_test_split(filled, frame["label"], test_size=0.25, random_state=0)


def _follow_thread_variables():
    """A script that sets OMP_NUM_THREADS (or the BLAS ones) before importing numpy or scikit-learn sizes their pools
    in a fresh interpreter; here they are loaded already, so setting the variable resizes the loaded pools instead."""
    environ_type = type(os.environ)
    original = environ_type.__setitem__

    def setitem(environ, key, value):
        original(environ, key, value)
        if environ is os.environ and key in THREAD_VARIABLES and str(value).isdigit() and int(value) > 0:
            _thread_pools.limit(limits=int(value), user_api="openmp" if key == "OMP_NUM_THREADS" else "blas")

    environ_type.__setitem__ = setitem


def _script_traceback(tb, script):
    """The traceback from the script's own frame on, as a cold run prints it (no template or runpy frames)."""
    start = tb
    while start is not None and start.tb_frame.f_code.co_filename != script:
        start = start.tb_next
    return start or tb


def _run_script(script):
    """Runs the script as `python3 script` would and returns the exit code."""
    import runpy
    import threading
    sys.argv = [script]
    sys.path[0] = os.path.dirname(script)
    code = 0
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exit_:
        code = _exit_code(exit_.code)
    except BaseException as error:  # noqa: BLE001 - everything a fresh interpreter would report
        trimmed = _script_traceback(error.__traceback__, script)
        sys.excepthook(type(error), error.with_traceback(trimmed), trimmed)
        code = 1
        if isinstance(error, KeyboardInterrupt):
            code = -signal.SIGINT
    try:
        threading._shutdown()
        import atexit
        atexit._run_exitfuncs()
    except SystemExit as exit_:
        code = _exit_code(exit_.code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed stream, as at interpreter exit
            pass
    return code


def _exit_code(value):
    if value is None:
        return 0
    if isinstance(value, int):
        return value & 0xFF
    try:
        print(value, file=sys.stderr)
    except Exception:  # noqa: BLE001
        pass
    return 1



def _preload(modules):
    failed = []
    for name in modules:
        try:
            if name.startswith("matplotlib"):
                import matplotlib
                matplotlib.use("Agg")
            __import__(name)
        except Exception as error:  # noqa: BLE001 - a module that cannot load is imported by the run itself
            failed.append(f"{name}: {error}")
    return failed


def _status_kb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1])
    return 0

