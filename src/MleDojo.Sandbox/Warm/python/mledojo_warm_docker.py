"""The warm template of one Docker session: the local template's (mledojo_warm_template.py), with spares made for a
container.

The server starts it with `docker exec` as the container's root (whose only capabilities are CAP_SETUID and
CAP_SETGID), its modules and spec on its command line. The exec's stdin and stdout are its only channel: requests
come as JSON lines on stdin, one per run, so a run costs no `docker exec` of its own; events go to stdout (ready,
started, output, exited, closed, failed). Each run's stdout and stderr are pipes the template relays as output events
(base64); closed says its last output is sent, after exited. The server kills a run by the pid of its supervisor.

A container cannot make namespaces, so a spare is two processes under the agent's identity:

  template (root) ─ supervisor (the agent's uid, gid and groups; a new session; child subreaper; undumpable)
                      └─ runner (restores a fresh interpreter's state, copies the template's pages, then the script)

Both are forked while the agent thinks, as the local spare is: forking the template's address space, and the first
writes to its pages, cost a run as much as its own work otherwise. Agent code runs under another uid than the
template's and with no capabilities, so it cannot signal, ptrace or read the template; the supervisor is undumpable,
so the run cannot reach its channel either. When the runner ends, the supervisor kills whatever the script left
behind and tells the template the script's status (128 + signal), before the kernel has torn the runner down.
"""
import json
import os
import resource
import signal
import sys
import time
import traceback

import mledojo_warm_spare as spares
from mledojo_warm_runner import SETUP_FAILED, check, emit, libc, warm_up, write
from mledojo_warm_template import Template

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36


def _descendants(root):
    children = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    fields = f.read()
            except OSError:
                continue
            fields = fields[fields.rindex(b")") + 2:].split()
            if fields[0] != b"Z":
                children.setdefault(int(fields[1]), []).append(int(name))
    found, i = list(children.get(root, [])), 0
    while i < len(found):
        found.extend(children.get(found[i], []))
        i += 1
    return found


def _reap():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _kill_leftovers(runner):
    """Background work does not outlive a run: everything still under the supervisor is killed, repeatedly, so a
    process that forks while it is killed cannot outrun it. The runner itself is not waited for once it is killed: it
    runs no more code, and tearing down its copy of the template takes longer than a small script."""
    for _ in range(10000):
        left = _descendants(os.getpid())
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if runner in left:
            left.remove(runner)
        if not left:
            break
        _reap()
        time.sleep(0.001)
    _reap()


def _add_user_site():
    """The template runs with -s, so that root never reads .pth files from the agent's writable ~/.local; the run,
    under the agent's uid, gets the user site a cold run would have."""
    import site
    site.ENABLE_USER_SITE = True
    site.addusersitepackages(set(sys.path))


def _prepare_run(request):
    """In the runner once its run arrived: what a freshly executed `python3 script.py` would have."""
    # Changing uid made the process undumpable (its /proc files root's); a freshly executed one is dumpable. Not before
    # the run arrives: a waiting spare holds its channel, which no other run may reach.
    check(libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), "prctl(dumpable)")
    _add_user_site()
    sys.orig_argv = [sys.executable, request["script"]]


def _become_agent(spec):
    os.setgroups(spec["groups"])
    os.setresgid(spec["gid"], spec["gid"], spec["gid"])
    os.setresuid(spec["uid"], spec["uid"], spec["uid"])


def supervise(spec, channel, originals, template):
    """A spare's supervisor: forks the runner, drops to the agent's identity, waits for the runner and cleans up
    after it."""
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        check(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "prctl(subreaper)")
        check(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl(pdeathsig)")
        if os.getppid() != template:
            os._exit(SETUP_FAILED)
        devnull = os.open("/dev/null", os.O_RDONLY)
        os.dup2(devnull, 0)
        # Only stdio (the server's log until the run's own arrive) and the channel stay open: no template channel, no
        # sibling run's pipe, as in a fresh process.
        keep = channel.fileno()
        os.closerange(3, keep)
        os.closerange(keep + 1, 1 << 20)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        # Before the uid change, which makes the process undumpable and its /proc files root's.
        write("/proc/self/oom_score_adj", "1000")
        done_read, done_write = os.pipe()
        supervisor = os.getpid()
        runner = os.fork()
        if runner != 0:
            _become_agent(spec)
            # The uid change cleared it: the run ends with the template (the server then reports it).
            check(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl(pdeathsig)")
    except BaseException:  # noqa: BLE001 - reported to the server's log, the run fails with SETUP_FAILED
        traceback.print_exc()
        os._exit(SETUP_FAILED)
    if runner == 0:
        try:
            os.close(done_read)
            # Opened while still root: once undumpable, the runner cannot open its own pagemap, which shows the pages
            # to copy.
            pagemap = os.open("/proc/self/pagemap", os.O_RDONLY)
            _become_agent(spec)
            # After the uid change, which clears it: the runner dies with its supervisor, which alone reports the run.
            check(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl(pdeathsig)")
            if os.getppid() != supervisor:
                os._exit(SETUP_FAILED)
            prefault = spec.get("prefault", False)
            spares.run_spare(channel, done_write, originals, prefault, prepare=_prepare_run, pagemap=pagemap)
        except BaseException:  # noqa: BLE001
            traceback.print_exc()
            os._exit(SETUP_FAILED)
        finally:
            os._exit(1)
    os.close(done_write)
    code = spares.wait_runner(runner, done_read)
    _kill_leftovers(runner)
    try:
        channel.send(json.dumps({"exit": code}).encode())
    except OSError:
        pass  # the template is gone; so is the session
    os._exit(code)


class SupervisorForker:
    """Forks a spare's supervisor (a container cannot make the local spare's namespaces)."""

    private_fds = ()

    def __init__(self, spec, originals):
        self.spec = spec
        self.originals = originals
        self.pid = os.getpid()

    def fork(self, channel, private):
        """Forks a spare whose supervisor talks over `channel`; it closes every descriptor but its own, `private`
        among them."""
        pid = os.fork()
        if pid == 0:
            supervise(self.spec, channel, self.originals, self.pid)
        return pid


def main():
    started = time.monotonic()
    spec = json.loads(sys.argv[2])
    # The channel moves off fds 0 and 1, so a library that reads or prints cannot corrupt it; its output goes to the
    # server's log.
    control_in, control_out = os.dup(0), os.dup(1)
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    os.close(devnull)
    os.chdir("/")

    # The imports run under the agent's effective uid, so caches they write (matplotlib's under $HOME) belong to the
    # agent as a cold run's would; the real and saved uid stay root, so agent code still cannot signal the template.
    os.setegid(spec["gid"])
    os.seteuid(spec["uid"])
    try:
        originals, ready = warm_up(spec["modules"], started, rehearse=spec.get("rehearse", False))
    finally:
        os.seteuid(0)
        os.setegid(0)
    emit(control_out, event="ready", pid=os.getpid(), **ready)
    Template(control_in, control_out, SupervisorForker(spec, originals), exit_before_output=True).serve()


if __name__ == "__main__":
    main()
