"""The warm template of one Docker session: imports the ML stack once, then forks a fresh child for every run.

The server starts it with `docker exec` as the container's root (whose only capabilities are CAP_SETUID and
CAP_SETGID), runner module and spec on its command line. The exec's stdin and stdout are its only channel: requests
come as JSON lines on stdin, one per run, so a run costs no `docker exec` of its own; events go to stdout (ready,
started, output, exited, closed, failed). Each run's stdout and stderr are pipes the template relays as output events
(base64); closed says its last output is sent, after exited. The server kills a run by the pid of its supervisor.
Each run is two forks:

  template (root) ─ supervisor (the agent's uid, gid and groups; a new session; child subreaper)
                      └─ runner (the script, as `python3 script.py` would run it)

Agent code runs under another uid than the template's and with no capabilities, so it cannot signal, ptrace or read
the template. The supervisor kills whatever the script left behind when it exits and exits with the script's status
(128 + signal), as the cold supervisor does. Nothing here starts a thread, so forking is safe.
"""
import base64
import json
import os
import resource
import selectors
import signal
import sys
import time
import traceback

import mledojo_warm_runner as runner

PR_SET_PDEATHSIG = 1
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


def _kill_leftovers():
    """Background work does not outlive a run: everything still under the supervisor is killed, repeatedly, so a
    process that forks while it is killed cannot outrun it."""
    for _ in range(10000):
        left = _descendants(os.getpid())
        if not left:
            break
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        _reap()
        time.sleep(0.001)
    _reap()


def _add_user_site():
    """The template runs with -s, so that root never reads .pth files from the agent's writable ~/.local; the run,
    under the agent's uid, gets the user site a cold run would have."""
    import site
    site.ENABLE_USER_SITE = True
    site.addusersitepackages(set(sys.path))


def _supervise(request, fds, spec, originals, template):
    """The run's supervisor: drops to the agent's identity, forks the runner, waits for it and cleans up after it."""
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        runner.check(runner.libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "prctl(subreaper)")
        os.setgroups(spec["groups"])
        os.setresgid(spec["gid"], spec["gid"], spec["gid"])
        os.setresuid(spec["uid"], spec["uid"], spec["uid"])
        # After the uid change, which clears it: the run ends with the template (the server then reports it).
        runner.check(runner.libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl(pdeathsig)")
        if os.getppid() != template:
            os._exit(runner.SETUP_FAILED)
        devnull = os.open("/dev/null", os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(fds[0], 1)
        os.dup2(fds[1], 2)
        # Only the run's stdio stays open: no template channel, no sibling run's pipe, as in a fresh process.
        os.closerange(3, 1 << 20)
        os.chdir(request["cwd"])
        child = os.fork()
    except BaseException:  # noqa: BLE001 - reported to the server's log, the run fails with SETUP_FAILED
        traceback.print_exc()
        os._exit(runner.SETUP_FAILED)
    if child == 0:
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            if request.get("as"):
                resource.setrlimit(resource.RLIMIT_AS, (request["as"], request["as"]))
            # Changing uid made the process undumpable (its /proc files root's); a freshly executed one is dumpable.
            runner.check(runner.libc.prctl(runner.PR_SET_DUMPABLE, 1, 0, 0, 0), "prctl(dumpable)")
            runner.write("/proc/self/oom_score_adj", "1000")
            _add_user_site()
            sys.orig_argv = [sys.executable, request["script"]]
            runner.run_as_main(request["script"], originals)
        except BaseException as error:  # noqa: BLE001 - as the cold supervisor says it
            os.write(2, f"sandbox: cannot start {request['script']}: {error}\n".encode())
        finally:
            os._exit(127)
    status = 0
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        if pid == child:
            break
    _kill_leftovers()
    code = os.waitstatus_to_exitcode(status)
    os._exit(128 - code if code < 0 else code)


class Template:
    def __init__(self, control_in, control_out, spec, originals):
        self.control_in = control_in
        self.control_out = control_out
        self.spec = spec
        self.originals = originals
        self.runs = {}  # supervisor pid -> run marker
        self.pipes = {}  # run marker -> the read ends of its stdout and stderr still open
        self.reaped = set()  # runs whose supervisor has exited (their exited event is sent)
        self.selector = selectors.DefaultSelector()

    def serve(self):
        self.pid = os.getpid()
        wake_read, wake_write = os.pipe()
        os.set_blocking(wake_write, False)
        signal.set_wakeup_fd(wake_write)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        self.selector.register(self.control_in, selectors.EVENT_READ, "control")
        self.selector.register(wake_read, selectors.EVENT_READ, "child")
        pending = b""
        while True:
            for key, _ in self.selector.select():
                if key.data == "child":
                    os.read(wake_read, 4096)
                    self.reap()
                elif key.data == "control":
                    chunk = os.read(self.control_in, 65536)
                    if not chunk:
                        return  # the server closed the channel: the session ended
                    pending += chunk
                    while b"\n" in pending:
                        line, pending = pending.split(b"\n", 1)
                        self.handle(json.loads(line))
                else:
                    self.relay(key.data[1], key.data[2], key.fd)

    def handle(self, request):
        """Forks run `marker`'s supervisor with pipes for its stdout and stderr, whose other ends the template relays."""
        marker = request["marker"]
        ends = []
        try:
            ends = [os.pipe() for _ in range(2)]
            pid = os.fork()
            if pid == 0:
                _supervise(request, [write for _, write in ends], self.spec, self.originals, self.pid)
        except Exception as error:  # noqa: BLE001 - the server reports it as the run's failure
            for fd in (fd for pair in ends for fd in pair):
                os.close(fd)
            runner.emit(self.control_out, event="failed", marker=marker, error=str(error))
            return
        self.pipes[marker] = []
        for fd, (read, write) in enumerate(ends, 1):
            os.close(write)
            self.pipes[marker].append(read)
            self.selector.register(read, selectors.EVENT_READ, ("output", marker, fd))
        self.runs[pid] = marker
        runner.emit(self.control_out, event="started", marker=marker, pid=pid)

    def relay(self, marker, fd, read):
        """Sends what the run wrote (fd 1 or 2, base64); once both pipes are closed and the supervisor is reaped, says
        so: closed comes after exited, and after the last output."""
        data = os.read(read, 65536)
        if data:
            runner.emit(self.control_out, event="output", marker=marker, fd=fd, data=base64.b64encode(data).decode("ascii"))
            return
        self.selector.unregister(read)
        os.close(read)
        self.pipes[marker].remove(read)
        self.closed_if_done(marker)

    def closed_if_done(self, marker):
        if not self.pipes.get(marker) and marker in self.reaped:
            self.pipes.pop(marker, None)
            self.reaped.discard(marker)
            runner.emit(self.control_out, event="closed", marker=marker)

    def reap(self):
        while self.runs:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            marker = self.runs.pop(pid, None)
            if marker is None:
                continue
            code = os.waitstatus_to_exitcode(status)
            runner.emit(self.control_out, event="exited", marker=marker, status=128 - code if code < 0 else code)
            self.reaped.add(marker)
            self.closed_if_done(marker)


def main():
    started = time.monotonic()
    spec = json.loads(sys.argv[4])
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
        originals, ready = runner.warm_up(spec["modules"], started, rehearse=spec.get("rehearse", False))
    finally:
        os.seteuid(0)
        os.setegid(0)
    runner.emit(control_out, event="ready", pid=os.getpid(), **ready)
    Template(control_in, control_out, spec, originals).serve()


if __name__ == "__main__":
    main()
