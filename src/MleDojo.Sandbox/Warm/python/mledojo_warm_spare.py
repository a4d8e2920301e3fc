"""One warm run, forked from the session's template ahead of its request: the spare.

  template ─ init (pid 1 of a new pid namespace, own mount namespace: fresh /proc, /tmp, /dev/shm; drops privileges)
               └─ runner (the script, as `python3 script.py` would run it)

The template forks both while the agent thinks. The init makes the run's namespace and identity; the runner restores
what a fresh interpreter has (mledojo_warm_runner.py) and waits on its channel to the template. When no run is going
it copies the template's pages meanwhile (below). The run's request brings the script, its limits, and its stdout and
stderr, connected by the template; the runner answers with the bytes it copied, closes the channel and runs.

The pid namespace hides the template and sibling runs from the run (no pid to signal, nothing in /proc to ptrace or
write). The init reaps orphans; when the runner ends, it kills what is left of the run and tells the template the
runner's exit code, before the kernel has torn down either process's copy of the template's memory (which takes
longer than a small script). A script could write a false code to its end of that pipe: it would only end its own
run early, as killing itself would.

Copying the template's pages: a forked run shares the template's memory until it writes a page, and each first write
costs a copy-on-write fault. A typical script writes a few thousand of the template's pages (reference counts of the
modules it touches, the interpreter's own data), and on a virtual machine each fault is slow: together they cost a
typical step about as much as its own work. A waiting spare has nothing else to do, so it copies the template's
resident writable pages ahead (MADV_POPULATE_WRITE, a chunk at a time, so a run that arrives is never kept waiting).
The copies are the template's pages, not the run's memory: their size goes to the server, which leaves them out of
the run's memory.
"""
import array
import ctypes
import json
import os
import resource
import select
import signal
import socket
import traceback

from mledojo_warm_runner import (SETUP_FAILED, check as _check, libc as _libc, restore_process_state, run_prepared,
                                 shell_exit_code, write as _write)

CLONE_NEWNS = 0x00020000
CLONE_NEWPID = 0x20000000
CLONE_NEWUSER = 0x10000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 16384, 1 << 18
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
MADV_POPULATE_WRITE = 23  # Linux 5.14
PAGE = os.sysconf("SC_PAGE_SIZE")
CHUNK_PAGES = 256  # 1 MiB: a chunk takes a millisecond or two, the longest a run handed to a copying spare waits
PRESENT = 1 << 63

_libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]


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


class NamespaceForker:
    """Forks a spare's init into a pid namespace of its own (the local and Slurm templates)."""

    def __init__(self, setup, originals):
        self.setup = setup
        self.originals = originals
        self.pid = os.getpid()
        self.own_pid_namespace = os.open("/proc/self/ns/pid", os.O_RDONLY)
        # Under bubblewrap's --disable-userns the template sits in a nested user namespace that does not own its pid
        # namespace, so it cannot setns back after an unshare; each run then goes through an intermediate process.
        self.can_reset_pid_namespace = _libc.setns(self.own_pid_namespace, CLONE_NEWPID) == 0
        self.private_fds = (self.own_pid_namespace,)

    def fork(self, channel, private):
        """Forks a spare whose init talks over `channel` and closes the template's `private` descriptors; its pid."""
        def body():
            init(self.setup, channel, private, self.originals)

        if not self.can_reset_pid_namespace:
            pid = os.fork()
            if pid == 0:
                _intermediate(body, private + (channel.fileno(),))
            return pid
        # A new pid namespace for the next child only: unshare sets it for children, setns puts ours back.
        _check(_libc.unshare(CLONE_NEWPID), "unshare(pid)")
        try:
            pid = os.fork()
            if pid == 0:
                body()
        finally:
            if os.getpid() == self.pid:
                _check(_libc.setns(self.own_pid_namespace, CLONE_NEWPID), "setns(pid)")
        return pid


def _intermediate(body, private):
    """Between the template and a spare's init when the template cannot reset its pid namespace: it makes the new
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
            if select.select([alive_read], [], [], 0)[0]:
                os._exit(SETUP_FAILED)
            os.close(alive_read)
            body()
        os.close(alive_read)
        for fd in private:
            os.close(fd)
        _, status = os.waitpid(init, 0)
        os._exit(shell_exit_code(status))
    except BaseException:  # noqa: BLE001 - reported to the server's log, the run fails with SETUP_FAILED
        traceback.print_exc()
        os._exit(SETUP_FAILED)


def init(setup, channel, private, originals):
    """pid 1 of a spare's namespace: prepares it, starts the runner, reaps, and reports the runner's end."""
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for fd in private:
            os.close(fd)
        _prepare_namespace(setup)
        _drop_privileges(setup)
        # The init is undumpable, so the run cannot read its /proc entries (root, cwd, memory, descriptors) or ptrace
        # it, as it cannot bubblewrap's init on the cold path; the runner is dumpable again, as a freshly executed one is.
        _check(_libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "prctl(undumpable)")
        done_read, done_write = os.pipe()
        runner = os.fork()
    except BaseException:  # noqa: BLE001 - reported to the server's log, the run fails with SETUP_FAILED
        traceback.print_exc()
        os._exit(SETUP_FAILED)
    if runner == 0:
        try:
            os.close(done_read)
            _check(_libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), "prctl(dumpable)")
            run_spare(channel, done_write, originals, setup.get("prefault", False), new_session=True)
        except BaseException:  # noqa: BLE001
            traceback.print_exc()
            os._exit(SETUP_FAILED)
        finally:
            os._exit(1)
    os.close(done_write)
    code = wait_runner(runner, done_read)
    try:
        os.kill(-1, signal.SIGKILL)  # every process of the run but this one
    except ProcessLookupError:
        pass
    try:
        channel.send(json.dumps({"exit": code}).encode())
    except OSError:
        pass  # the template is gone; so is the session
    os._exit(code)


def wait_runner(runner, done_read):
    """The runner's exit code: its own word when it ended normally (at once), else its status once reaped; reaping
    orphans meanwhile, as pid 1 must."""
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    watching = [done_read, wake_read]
    while True:
        try:
            ready = select.select(watching, [], [])[0]
        except InterruptedError:
            continue
        if done_read in ready:
            word = os.read(done_read, 4)
            if len(word) == 4:
                return int.from_bytes(word, "little")
            watching.remove(done_read)  # closed without a word: wait for its status
        if wake_read in ready:
            os.read(wake_read, 4096)
            while True:
                try:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    return 1
                if pid == 0:
                    break
                if pid == runner:
                    return shell_exit_code(status)


def run_spare(channel, done, originals, prefault, new_session=False, prepare=None, pagemap=None):
    """A spare's runner: ready before its run arrives (identity, fresh process state), then the script. `prepare`
    finishes what must wait for the run itself; `pagemap`, the runner's own, opened while it could."""
    if new_session:
        os.setsid()
    restore_process_state(originals)
    request, (out, err) = _await_run(channel, prefault, pagemap)
    if pagemap is not None:
        os.close(pagemap)
    try:
        _set_limits(request["limits"])
        devnull = os.open("/dev/null", os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        for fd in (devnull, out, err):
            os.close(fd)
        os.chdir(request["cwd"])
        if prepare is not None:
            prepare(request)
    except BaseException:  # noqa: BLE001 - reported to the server's log, the run fails with SETUP_FAILED
        traceback.print_exc()
        os._exit(SETUP_FAILED)
    run_prepared(request["script"], done)


def _await_run(channel, prefault, pagemap=None):
    """Waits for the run; once the template says no run is going ("copy"), copies the template's pages meanwhile.
    Answers with the bytes copied and returns the run's request and its stdout and stderr descriptors."""
    copied = 0
    pending = None
    while True:
        if pending is not None and not select.select([channel], [], [], 0)[0]:
            chunk = next(pending, None)
            if chunk is not None and _copy(*chunk):
                copied += chunk[1] * PAGE
            else:
                pending = None
            continue
        message, fds, _, _ = socket.recv_fds(channel, 65536, 2)
        if not message:
            os._exit(0)  # the template let this spare go (its session ended)
        if message == b"copy":
            if prefault and copied == 0 and pending is None:
                pending = _chunks(_present_runs(pagemap))
            continue
        channel.sendall(json.dumps({"prefaulted": copied}).encode())
        channel.close()
        return json.loads(message), fds


def _writable_private_regions():
    """The writable private mappings (heap, anonymous, the data of loaded libraries), not the stack or the vDSO."""
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split()
            perms, path = fields[1], fields[5] if len(fields) > 5 else ""
            if "w" not in perms or perms[3] != "p" or path.startswith("[v") or path.startswith("[stack"):
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            yield start, end


def _present_runs(pagemap=None):
    """Runs of pages the process holds (inherited from the template or written since), as (address, pages), region
    by region as the caller asks for them: copying only these never allocates memory the template had reserved and
    not used."""
    with open("/proc/self/pagemap" if pagemap is None else pagemap, "rb", closefd=pagemap is None) as entries_file:
        for start, end in list(_writable_private_regions()):
            entries_file.seek(start // PAGE * 8)
            entries = array.array("Q")
            entries.frombytes(entries_file.read((end - start) // PAGE * 8))
            run_start = None
            for index, entry in enumerate(entries):
                if entry & PRESENT:
                    if run_start is None:
                        run_start = index
                elif run_start is not None:
                    yield start + run_start * PAGE, index - run_start
                    run_start = None
            if run_start is not None:
                yield start + run_start * PAGE, len(entries) - run_start


def _chunks(runs):
    """The runs cut into chunks of at most CHUNK_PAGES pages."""
    for address, pages in runs:
        while pages > 0:
            size = min(pages, CHUNK_PAGES)
            yield address, size
            address += size * PAGE
            pages -= size


def _copy(address, pages):
    """Copies one chunk; False when this kernel cannot (before 5.14), so the caller stops copying."""
    if _libc.madvise(address, pages * PAGE, MADV_POPULATE_WRITE) == 0:
        return True
    return ctypes.get_errno() != 22  # EINVAL: no MADV_POPULATE_WRITE; any other error skips this chunk only
