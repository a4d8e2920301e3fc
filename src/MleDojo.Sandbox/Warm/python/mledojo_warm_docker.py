"""The warm template of one Docker session: imports the ML stack once, then forks a fresh child for every run.

The server starts it with `docker exec` as the container's root (whose only capabilities are CAP_SETUID and
CAP_SETGID), runner module and spec on its command line. It listens on a Unix socket in a root-only tmpfs; each run is
a `docker exec` of a small root client (ContainerScripts.WarmClient) that passes the exec's stdout and stderr with its
request and waits for the run's exit status. Events for the server go to stdout as JSON lines (ready, started,
exited); the server kills a run by the pid of its supervisor. Each run is two forks:

  template (root) ─ supervisor (the agent's uid, gid and groups; a new session; child subreaper)
                      └─ runner (the script, as `python3 script.py` would run it)

Agent code runs under another uid than the template's and with no capabilities, so it cannot signal, ptrace or read
the template. The supervisor kills whatever the script left behind when it exits and exits with the script's status
(128 + signal), as the cold supervisor does. Nothing here starts a thread, so forking is safe.
"""
import json
import os
import resource
import selectors
import signal
import socket
import stat
import struct
import sys
import time
import traceback

import mledojo_warm_runner as runner

DIRECTORY = "/run/mledojo-warm"
CONTROL = DIRECTORY + "/control.sock"
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
        # Only the run's stdio stays open: no template socket, no sibling run's connection, as in a fresh process.
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
    def __init__(self, listener, control_out, spec, originals):
        self.listener = listener
        self.control_out = control_out
        self.spec = spec
        self.originals = originals
        self.runs = {}  # supervisor pid -> (client connection, run marker)

    def serve(self):
        self.pid = os.getpid()
        wake_read, wake_write = os.pipe()
        os.set_blocking(wake_write, False)
        signal.set_wakeup_fd(wake_write)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        selector = selectors.DefaultSelector()
        selector.register(self.listener, selectors.EVENT_READ, "client")
        selector.register(wake_read, selectors.EVENT_READ, "child")
        while True:
            for key, _ in selector.select():
                if key.data == "child":
                    os.read(wake_read, 4096)
                    self.reap()
                    continue
                try:
                    connection, _ = self.listener.accept()
                except OSError:
                    continue
                self.handle(connection)

    def handle(self, connection):
        fds = []
        try:
            connection.settimeout(10)
            _, uid, _ = struct.unpack("3i", connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
            if uid != 0:
                raise PermissionError(f"uid {uid} may not start runs")
            message, fds, _, _ = socket.recv_fds(connection, 1 << 16, 2)
            request = json.loads(message)
            if len(fds) != 2:
                raise ValueError("the request came without the run's stdout and stderr")
            pid = os.fork()
            if pid == 0:
                _supervise(request, fds, self.spec, self.originals, self.pid)
            self.runs[pid] = (connection, request["marker"])
            runner.emit(self.control_out, event="started", marker=request["marker"], pid=pid)
            connection.sendall(f"started {pid}\n".encode())
        except Exception as error:  # noqa: BLE001 - the client reports it as the run's failure
            try:
                connection.sendall(f"failed {error}\n".encode())
            except OSError:
                pass
            if not any(c is connection for c, _ in self.runs.values()):
                connection.close()
        finally:
            for fd in fds:
                os.close(fd)

    def reap(self):
        while self.runs:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            run = self.runs.pop(pid, None)
            if run is None:
                continue
            connection, marker = run
            code = os.waitstatus_to_exitcode(status)
            code = 128 - code if code < 0 else code
            try:
                connection.sendall(f"exit {code}\n".encode())
            except OSError:
                pass  # the client is gone (its container is being removed)
            connection.close()
            runner.emit(self.control_out, event="exited", marker=marker, status=code)


def _listen():
    """The socket lives in a tmpfs only root can enter (the server mounts it mode 0700): agent code cannot reach it,
    nor replace it. The check refuses to run if that is not so."""
    info = os.lstat(DIRECTORY)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != 0 or stat.S_IMODE(info.st_mode) & 0o077:
        raise PermissionError(f"{DIRECTORY} must be a directory only root can enter")
    try:
        os.unlink(CONTROL)
    except FileNotFoundError:
        pass
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(CONTROL)
    listener.listen(64)
    return listener


def main():
    started = time.monotonic()
    spec = json.loads(sys.argv[4])
    # Events move off fd 1, so a library that prints cannot corrupt them; its output goes to the server's log.
    control_out = os.dup(1)
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    os.close(devnull)
    os.chdir("/")
    listener = _listen()

    # The imports run under the agent's effective uid, so caches they write (matplotlib's under $HOME) belong to the
    # agent as a cold run's would; the real and saved uid stay root, so agent code still cannot signal the template.
    os.setegid(spec["gid"])
    os.seteuid(spec["uid"])
    try:
        originals, ready = runner.warm_up(spec["modules"], started)
    finally:
        os.seteuid(0)
        os.setegid(0)
    runner.emit(control_out, event="ready", pid=os.getpid(), **ready)
    Template(listener, control_out, spec, originals).serve()


if __name__ == "__main__":
    main()
