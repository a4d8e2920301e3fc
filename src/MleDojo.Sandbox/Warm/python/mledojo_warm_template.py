"""The warm template of one session: imports the ML stack once, then forks a fresh run for every request.

Started by the server inside the session's sandbox, with the environment a cold run gets. It talks to the server in
JSON lines: requests on stdin (a run, or a kill), events on stdout (ready, started, failed, output, exited). It keeps
one run forked ahead, the spare (mledojo_warm_spare.py): when a request comes, the spare is ready and only needs the
script, its limits and its stdout and stderr, which the template passes over the spare's channel. Locally those are
Unix sockets the server listens on, which the template connects; where the server is on another host (Slurm), they
are pipes the template relays as output events, and a run's exited event comes only after the last of its output.
When a run ends the template forks the next spare, which is ready, its pages copied, while the agent thinks about the
result. A spare never ran anything before its request: every run starts from the pristine template.

Nothing here starts a thread, so forking is safe. The Docker template (mledojo_warm_docker.py) is this one with
spares of its own making (a container cannot make namespaces); the preload and the runner are mledojo_warm_runner.py.
"""
import base64
import json
import os
import selectors
import signal
import socket
import time
import traceback

import mledojo_warm_spare as spares
from mledojo_warm_runner import emit as _emit, shell_exit_code, warm_up

# How long after a run ends the spare starts copying the template's pages: the run's result is on its way to the
# agent meanwhile, and copying would compete with it for the cores.
COPY_DELAY = 0.1


def _closed(channel):
    """Whether the other end of a spare's channel is gone (a spare never writes before it is handed a run)."""
    return select_ready(channel.fileno())


def _close_all(streams):
    for stream in streams:
        stream.close()


def select_ready(fd):
    import select
    return bool(select.select([fd], [], [], 0)[0])


class Spare:
    """A run forked ahead of its request (init and runner ready, waiting on their channel), or on demand."""

    def __init__(self, pid, channel):
        self.pid = pid
        self.channel = channel
        self.n = None  # the run it was handed
        self.request = None
        self.streams = []  # the template's ends of the run's stdout and stderr, until the run is taken
        self.retried = False
        self.copying = False
        self.started = False  # it took its run: its next message is the init's report


class Template:
    """Serves runs from forked spares. The forker makes a spare's processes: locally a pid namespace with an init
    (mledojo_warm_spare.NamespaceForker), in Docker a supervisor under the agent's uid (mledojo_warm_docker.py). When
    the server reads a run's output as the template relays it and may need to sweep what outlived a run's supervisor
    (Docker), exited comes at once and closed after the last output (exit_before_output); otherwise exited waits for
    the last output."""

    def __init__(self, control_in, control_out, forker, exit_before_output=False):
        self.control_in = control_in
        self.control_out = control_out
        self.forker = forker
        self.exit_before_output = exit_before_output
        self.runs = {}
        self.spare = None
        self.channels = set()  # the template's ends of its spares' channels
        self.failed_spares = 0
        self.copy_due = None  # when the spare may start copying the template's pages
        self.pids = {}  # run -> the process to kill to end it (its init, or the intermediate above it)
        self.relayed = {}  # run -> its output pipes' read ends still open (relayed runs only)
        self.exit_due = {}  # run -> its exit status, held until the last of its relayed output is sent
        self.reaped_early = {}  # a handed spare's exit status, reaped before the template heard it took its run

    def fork_spare(self, streams=()):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # The template's ends of every channel, this one's included, and of every run's output: no run may hold another
        # run's channel or output (its own comes over the channel).
        relayed = tuple(fd for fds in self.relayed.values() for fd in fds)
        private = self.private_fds + tuple(self.channels) + relayed + tuple(s.fileno() for s in streams) + (ours.fileno(),)
        pid = self.forker.fork(theirs, private)
        theirs.close()
        self.channels.add(ours.fileno())
        return Spare(pid, ours)

    def keep_spare(self):
        """Forks the next run ahead, so it is ready when its request comes. Only while no run is going: a spare's
        processes run as the session's user, so beside a run they would count against the run's process limit (and
        compete with it for the cores)."""
        if self.runs:
            return
        if self.spare is None and self.failed_spares < 3:
            try:
                self.spare = self.fork_spare()
            except OSError:
                traceback.print_exc()
                self.failed_spares += 1
        self.idle()

    def idle(self):
        """Lets the spare copy the template's pages a moment after no run is going."""
        if self.spare is not None and not self.runs and not self.spare.copying:
            self.copy_due = time.monotonic() + COPY_DELAY

    def copy_now(self):
        self.copy_due = None
        if self.spare is not None and not self.runs and not self.spare.copying:
            try:
                self.spare.channel.send(b"copy")
                self.spare.copying = True
            except OSError:
                pass  # it died: reap() clears it

    def hand_over(self, request, streams=None):
        """Gives run n to the spare (or to one forked now) with its stdout and stderr, connected here once: the
        template keeps its ends until the run is taken, so a spare that died on the way hands the same ones on."""
        spare, self.spare = self.spare, None
        if spare is not None and _closed(spare.channel):
            self.close_channel(spare)  # it died waiting (its reaping is under way)
            spare = None
        retried = streams is not None
        if streams is None and "out" not in request:
            streams = self.relay(request["n"])
        if streams is None:
            streams = []
            try:
                for path in (request["out"], request["err"]):
                    stream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    streams.append(stream)
                    stream.connect(path)
                    stream.shutdown(socket.SHUT_RD)
            except OSError:
                _close_all(streams)
                raise
        go = json.dumps({"script": request["script"], "cwd": request["cwd"], "limits": request["limits"]}).encode()
        for attempt in (1, 2):
            try:
                spare = spare or self.fork_spare(streams)
                socket.send_fds(spare.channel, [go], [s.fileno() for s in streams])
                break
            except OSError:
                # A spare that died between the check and the message: a fresh one takes the run.
                if spare is not None:
                    self.close_channel(spare)
                    spare = None
                if attempt == 2:
                    _close_all(streams)
                    self.drop_relay(request["n"])
                    raise
        self.pids[request["n"]] = spare.pid
        spare.n = request["n"]
        spare.request = request
        spare.retried = retried
        spare.streams = streams
        self.selector.register(spare.channel, selectors.EVENT_READ, spare)

    def heard(self, spare):
        """A message from a spare that was handed a run: it took the run, or it ended."""
        try:
            message = spare.channel.recv(4096)
        except OSError:
            message = b""
        if spare.started:
            self.ended(spare, message)
        else:
            self.taken(spare, message)

    def taken(self, spare, answer):
        """The runner's answer to its run: it took it (with the bytes it had copied), or it had died."""
        if answer:
            _close_all(spare.streams)
            spare.started = True
            self.runs[spare.pid] = spare.n
            _emit(self.control_out, event="started", n=spare.n, pid=spare.pid, prefaulted=json.loads(answer)["prefaulted"])
            return
        self.selector.unregister(spare.channel)
        self.close_channel(spare)
        self.reaped_early.pop(spare.pid, None)
        if not spare.retried:
            self.failed_spares += 1
            self.handle(spare.request, spare.streams)
        else:
            _close_all(spare.streams)
            self.drop_relay(spare.n)
            self.pids.pop(spare.n, None)
            _emit(self.control_out, event="failed", n=spare.n, error="the run's process died before it started")

    def ended(self, spare, report):
        """The init's report of the runner's exit code (before either process is torn down), or nothing when the
        init died first (killed by the server): then its reaping reports the end."""
        self.selector.unregister(spare.channel)
        self.close_channel(spare)
        # Without a report, the status it was reaped with before its run was taken (killed), if it was.
        early = self.reaped_early.pop(spare.pid, None)
        status = json.loads(report)["exit"] if report else early
        if status is not None and self.runs.pop(spare.pid, None) is not None:
            self.exited(spare.n, status)
            self.keep_spare()

    def exited(self, n, status):
        """Reports run n's end once the last of its relayed output is sent, or, with exit_before_output, at once
        (closed then follows the last output)."""
        self.pids.pop(n, None)
        if self.exit_before_output:
            _emit(self.control_out, event="exited", n=n, status=status)
            status = None
        self.exit_due[n] = status
        self.say_if_output_ended(n)

    def say_if_output_ended(self, n):
        """Once run n has exited and its output ended: exited, or closed when exited was said already."""
        if self.relayed.get(n) or n not in self.exit_due:
            return
        self.relayed.pop(n, None)
        status = self.exit_due.pop(n)
        if status is None:
            _emit(self.control_out, event="closed", n=n)
        else:
            _emit(self.control_out, event="exited", n=n, status=status)

    def relay(self, n):
        """Pipes for run n's stdout and stderr: the run gets the write ends, the template sends what it reads from the
        others to the server as output events (fd 1 or 2, base64)."""
        ends = [os.pipe() for _ in range(2)]
        self.relayed[n] = [read for read, _ in ends]
        for fd, (read, _) in enumerate(ends, 1):
            self.selector.register(read, selectors.EVENT_READ, ("output", n, fd))
        return [os.fdopen(write, "wb", buffering=0) for _, write in ends]

    def relay_output(self, n, fd, read):
        data = os.read(read, 65536)
        if data:
            _emit(self.control_out, event="output", n=n, fd=fd, data=base64.b64encode(data).decode("ascii"))
            return
        self.selector.unregister(read)
        os.close(read)
        self.relayed[n].remove(read)
        self.say_if_output_ended(n)

    def drop_relay(self, n):
        for read in self.relayed.pop(n, []):
            self.selector.unregister(read)
            os.close(read)

    def kill(self, n):
        """Ends run n and every process in it (killing its init, or the intermediate above it, ends its pid namespace):
        the server cannot signal it where the template runs on another host. The server only asks once the run has
        started, so it is never handed on to a fresh spare."""
        if n in self.pids:
            try:
                os.kill(self.pids[n], signal.SIGKILL)
            except ProcessLookupError:
                pass

    def close_channel(self, spare):
        self.channels.discard(spare.channel.fileno())
        spare.channel.close()

    def reap(self):
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            n = self.runs.pop(pid, None)
            if n is not None:
                # Killed before its init or supervisor could report (by the server, or by the run itself in Docker).
                self.exited(n, shell_exit_code(status))
                self.keep_spare()
            elif self.spare is not None and self.spare.pid == pid:
                # A spare that died waiting (its setup failed; the log has why): the next run forks its own.
                self.close_channel(self.spare)
                self.spare = None
                self.failed_spares += 1
            elif pid in self.pids.values():
                # Handed a run, but not yet heard to take it: its channel's end says what became of it.
                self.reaped_early[pid] = shell_exit_code(status)

    def serve(self):
        wake_read, wake_write = os.pipe()
        os.set_blocking(wake_write, False)
        signal.set_wakeup_fd(wake_write)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        self.selector = selector = selectors.DefaultSelector()
        selector.register(self.control_in, selectors.EVENT_READ, "control")
        selector.register(wake_read, selectors.EVENT_READ, "child")
        # Every descriptor of the template's own; a run's init closes them, so no run can reach the channel.
        self.private_fds = (self.control_in, self.control_out, wake_read, wake_write, selector.fileno()) + self.forker.private_fds
        self.keep_spare()
        pending = b""
        while True:
            due = self.copy_due
            events = selector.select(None if due is None else max(0.0, due - time.monotonic()))
            if due is not None and due <= time.monotonic():
                self.copy_now()
            for key, _ in events:
                if isinstance(key.data, Spare):
                    self.heard(key.data)
                    continue
                if isinstance(key.data, tuple):
                    self.relay_output(key.data[1], key.data[2], key.fd)
                    continue
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
                    request = json.loads(line)
                    if "kill" in request:
                        self.kill(request["kill"])
                    else:
                        self.handle(request)

    def handle(self, request, streams=None):
        try:
            self.hand_over(request, streams)
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
    setup = json.loads(os.environ.pop("MLEDOJO_WARM_SETUP", "{}"))
    originals, ready = warm_up(modules, started, rehearse=setup.get("rehearse", False))
    _emit(control_out, event="ready", **ready)
    Template(control_in, control_out, spares.NamespaceForker(setup, originals)).serve()


if __name__ == "__main__":
    main()
