"""The warm template of one session: imports the ML stack once, then forks a fresh child for every run.

Started by the server inside the session's sandbox, with the environment a cold run gets. It talks to the server in
JSON lines: requests on stdin, events on stdout (ready, started, failed, exited). Each run is two forks:

  template ─ init (pid 1 of a new pid namespace, own mount namespace: fresh /proc, /tmp, /dev/shm; drops privileges)
               └─ runner (the script, as `python3 script.py` would run it)

The pid namespace hides the template and sibling runs from the run (no pid to signal, nothing in /proc to ptrace or
write); the init reaps orphans and, when the runner exits, exits with its status so the kernel kills what is left,
as bubblewrap's init does for a cold run. Nothing here starts a thread, so forking is safe. The preload and the runner itself are shared with the Docker
template (mledojo_warm_runner.py).
"""
import ctypes
import json
import os
import resource
import selectors
import signal
import socket
import time
import traceback

from mledojo_warm_runner import SETUP_FAILED, check as _check, emit as _emit, libc as _libc, run_as_main, warm_up, write as _write

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 16384, 1 << 18
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _drop_capabilities():
    header = _CapHeader(0x20080522, 0)
    data = (_CapData * 2)()
    _check(_libc.capset(ctypes.byref(header), data), "capset")


def _drop_bounding_set():
    for cap in range(64):
        if _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() == 22:
            break  # EINVAL: past the last capability this kernel knows


def _mount(source, target, fstype, flags, data=None):
    _check(_libc.mount(source, target.encode(), fstype, flags, data), f"mount {target}")


def _prepare_namespace(request):
    """In the init, still privileged: a mount namespace of its own with a fresh /proc (this pid namespace only) and a
    fresh /tmp and /dev/shm (a cold run gets new ones too). The new /tmp also hides the template's private directory,
    which the server binds under the template's /tmp."""
    _check(_libc.unshare(CLONE_NEWNS), "unshare(mount)")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount(b"proc", "/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    _mount(b"tmpfs", "/tmp", b"tmpfs", MS_NOSUID | MS_NODEV, f"mode=1777,size={request['tmp']}".encode())
    _mount(b"tmpfs", "/dev/shm", b"tmpfs", MS_NOSUID | MS_NODEV, f"mode=1777,size={request['shm']}".encode())
    _write("/proc/self/oom_score_adj", "1000")


def _drop_privileges(request):
    """The run's identity: the session's uid (when the template runs as root), no capabilities, and a user namespace
    of its own in which no further user namespace can be created."""
    uid, gid = request.get("uid"), request.get("gid")
    _drop_bounding_set()
    if uid is not None:
        os.setgroups([])
        os.setresgid(gid, gid, gid)
        os.setresuid(uid, uid, uid)
        # Changing uid made the process undumpable (its /proc files root's); after exec a cold run is dumpable again.
        _check(_libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), "prctl(dumpable)")
    if request.get("closeUserns"):
        # The new namespace maps the run's own uid to itself; its creator may lower its limit of nested namespaces.
        me, group = os.getuid(), os.getgid()
        _check(_libc.unshare(CLONE_NEWUSER), "unshare(user)")
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{me} {me} 1")
        _write("/proc/self/gid_map", f"{group} {group} 1")
        _write("/proc/sys/user/max_user_namespaces", "0")
        _drop_bounding_set()  # a new user namespace starts with a full bounding set
    _drop_capabilities()


def _set_limits(limits):
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for name, key in (("RLIMIT_AS", "as"), ("RLIMIT_NPROC", "nproc"), ("RLIMIT_FSIZE", "fsize")):
        value = limits.get(key)
        if value:
            resource.setrlimit(getattr(resource, name), (value, value))
    if limits.get("cpu"):
        resource.setrlimit(resource.RLIMIT_CPU, tuple(limits["cpu"]))


def _runner(request, out, err, originals):
    os.setsid()
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(out.fileno(), 1)
    os.dup2(err.fileno(), 2)
    for fd in (devnull, out.fileno(), err.fileno()):
        os.close(fd)
    os.chdir(request["cwd"])
    run_as_main(request["script"], originals)


def _init(request, control, originals):
    """pid 1 of the run's namespace: prepares it, starts the runner, reaps, and exits with the runner's status."""
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for fd in control:
            os.close(fd)
        out = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        out.connect(request["out"])
        err = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        err.connect(request["err"])
        out.shutdown(socket.SHUT_RD)
        err.shutdown(socket.SHUT_RD)
        _prepare_namespace(request)
        _drop_privileges(request)
        _set_limits(request["limits"])
        # The init is undumpable, so the run cannot read its /proc entries (root, cwd, memory) or ptrace it, as it
        # cannot bubblewrap's init on the cold path; the runner is dumpable again, as a freshly executed one is.
        _check(_libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "prctl(undumpable)")
        runner = os.fork()
    except BaseException:  # noqa: BLE001 - reported to the server's log, the run fails with SETUP_FAILED
        traceback.print_exc()
        os._exit(SETUP_FAILED)
    if runner == 0:
        try:
            _check(_libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), "prctl(dumpable)")
            _runner(request, out, err, originals)
        finally:
            os._exit(1)
    out.close()
    err.close()
    while True:
        try:
            pid, status = os.waitpid(-1, 0)
        except ChildProcessError:
            os._exit(1)
        if pid == runner:
            code = os.waitstatus_to_exitcode(status)
            os._exit(128 - code if code < 0 else code)


def select_ready(fd):
    import select
    return bool(select.select([fd], [], [], 0)[0])


def _intermediate(request, control, originals):
    """Between the template and a run's init when the template cannot reset its pid namespace: it makes the new
    namespace, forks the init into it and exits with the init's status. The init dies with it (PR_SET_PDEATHSIG), so
    killing this process kills the run."""
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        _check(_libc.unshare(CLONE_NEWPID), "unshare(pid)")
        alive_read, alive_write = os.pipe()
        init = os.fork()
        if init == 0:
            _check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl(pdeathsig)")
            # The parent is invisible from the new namespace: its end of the pipe says whether it died before prctl.
            os.close(alive_write)
            if select_ready(alive_read):
                os._exit(SETUP_FAILED)
            os.close(alive_read)
            _init(request, control, originals)
        os.close(alive_read)
        for fd in control:
            os.close(fd)
        _, status = os.waitpid(init, 0)
        code = os.waitstatus_to_exitcode(status)
        os._exit(128 - code if code < 0 else code)
    except BaseException:  # noqa: BLE001 - reported to the server's log, the run fails with SETUP_FAILED
        traceback.print_exc()
        os._exit(SETUP_FAILED)


class Template:
    def __init__(self, control_in, control_out, originals):
        self.control_in = control_in
        self.control_out = control_out
        self.originals = originals
        self.runs = {}
        self.own_pid_namespace = os.open("/proc/self/ns/pid", os.O_RDONLY)
        # Under bubblewrap's --disable-userns the template sits in a nested user namespace that does not own its pid
        # namespace, so it cannot setns back after an unshare; each run then goes through an intermediate process.
        self.can_reset_pid_namespace = _libc.setns(self.own_pid_namespace, CLONE_NEWPID) == 0

    def spawn(self, request):
        if self.can_reset_pid_namespace:
            # A new pid namespace for the next child only: unshare sets it for children, setns puts ours back.
            _check(_libc.unshare(CLONE_NEWPID), "unshare(pid)")
            try:
                pid = os.fork()
                if pid == 0:
                    _init(request, self.private_fds, self.originals)
            finally:
                if os.getpid() == self.pid:
                    _check(_libc.setns(self.own_pid_namespace, CLONE_NEWPID), "setns(pid)")
        else:
            pid = os.fork()
            if pid == 0:
                _intermediate(request, self.private_fds, self.originals)
        self.runs[pid] = request["n"]
        _emit(self.control_out, event="started", n=request["n"], pid=pid)

    def reap(self):
        while self.runs:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            n = self.runs.pop(pid, None)
            if n is not None:
                _emit(self.control_out, event="exited", n=n, status=os.waitstatus_to_exitcode(status))

    def serve(self):
        self.pid = os.getpid()
        wake_read, wake_write = os.pipe()
        os.set_blocking(wake_write, False)
        signal.set_wakeup_fd(wake_write)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        selector = selectors.DefaultSelector()
        selector.register(self.control_in, selectors.EVENT_READ, "control")
        selector.register(wake_read, selectors.EVENT_READ, "child")
        # Every descriptor of the template's own; a run's init closes them, so no run can reach the channel.
        self.private_fds = (self.control_in, self.control_out, self.own_pid_namespace, wake_read, wake_write, selector.fileno())
        pending = b""
        while True:
            for key, _ in selector.select():
                if key.data == "child":
                    os.read(wake_read, 4096)
                    self.reap()
                    continue
                chunk = os.read(self.control_in, 65536)
                if not chunk:
                    return  # the server closed the channel: the session ended
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    self.handle(json.loads(line))

    def handle(self, request):
        try:
            self.spawn(request)
        except Exception as error:  # noqa: BLE001 - the server runs this one cold and says why
            _emit(self.control_out, event="failed", n=request["n"], error=str(error))


def main():
    started = time.monotonic()
    # The control channel moves off fds 0 and 1, so a library that prints cannot corrupt it.
    control_in, control_out = os.dup(0), os.dup(1)
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    os.close(devnull)

    modules = json.loads(os.environ.pop("MLEDOJO_WARM_MODULES", "[]"))
    originals, ready = warm_up(modules, started)
    _emit(control_out, event="ready", **ready)
    Template(control_in, control_out, originals).serve()


if __name__ == "__main__":
    main()
