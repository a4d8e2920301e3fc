namespace MleDojo.Sandbox.Docker;

/// <summary>
/// The small Python programs the Docker backend runs inside a session's container. They are passed with
/// <c>python3 -I -S -c</c> rather than baked into the image, so any image with a python3 works (an operator's own
/// Dockerfile included) and the code that kills runs is versioned with the server that relies on it.
/// </summary>
internal static class ContainerScripts
{
    /// <summary>The argument that marks a run's supervisor in its command line: <c>mledojo-run=&lt;runId&gt;</c>.</summary>
    public const string RunMarkerPrefix = "mledojo-run=";

    /// <summary>The argument that marks the warm template's exec in its command line.</summary>
    public const string TemplateMarker = "mledojo-warm-template";

    /// <summary>
    /// The container's pid 1, running as an unprivileged uid other than the agent's (so agent code can neither signal
    /// it nor read its <c>/proc/1/root</c>). Processes orphaned by a dead supervisor are re-parented to pid 1 and
    /// must be reaped, or their zombies would eat the pids limit; sleeping in <c>sigwait</c> costs nothing between
    /// runs. It installs no handler for SIGTERM, so nothing inside the container can stop it. Given a uid and gid (argv),
    /// it first drops to them: a container that hosts a warm template starts as root.
    /// </summary>
    public const string Init = """
        import os, signal, sys
        if len(sys.argv) > 2:
            uid, gid = int(sys.argv[1]), int(sys.argv[2])
            os.setgroups([])
            os.setresgid(gid, gid, gid)
            os.setresuid(uid, uid, uid)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
        while True:
            signal.sigwait({signal.SIGCHLD})
            while True:
                try:
                    pid, _ = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    break
                if pid == 0:
                    break
        """;

    /// <summary>
    /// Runs one script (argv: marker, absolute script path, address-space limit in bytes or 0). It makes itself a
    /// child subreaper, so every process the run starts stays its descendant even after <c>setsid</c> or a double
    /// fork: the whole tree is findable from this one process. When the script exits, whatever it left running is
    /// killed (background work does not outlive a run), and the supervisor exits with the script's status
    /// (128 + signal when killed by one).
    /// </summary>
    public const string Supervisor = """
        import ctypes, os, resource, sys, time
        script, as_limit = sys.argv[2], int(sys.argv[3])
        try:
            ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)
        except Exception:
            pass
        def descendants(root):
            children = {}
            for name in os.listdir('/proc'):
                if name.isdigit():
                    try:
                        with open('/proc/' + name + '/stat', 'rb') as f:
                            stat = f.read()
                    except OSError:
                        continue
                    fields = stat[stat.rindex(b')') + 2:].split()
                    if fields[0] != b'Z':
                        children.setdefault(int(fields[1]), []).append(int(name))
            found, i = list(children.get(root, [])), 0
            while i < len(found):
                found.extend(children.get(found[i], []))
                i += 1
            return found
        def reap():
            while True:
                try:
                    pid, _ = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    return
                if pid == 0:
                    return
        child = os.fork()
        if child == 0:
            try:
                resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
                if as_limit > 0:
                    resource.setrlimit(resource.RLIMIT_AS, (as_limit, as_limit))
                with open('/proc/self/oom_score_adj', 'w') as f:
                    f.write('1000')
                os.execv(sys.executable, [sys.executable, script])
            except BaseException as e:
                os.write(2, ('sandbox: cannot start %s: %s\n' % (script, e)).encode())
            os._exit(127)
        status = 0
        while True:
            try:
                pid, st = os.wait()
            except ChildProcessError:
                break
            if pid == child:
                status = st
                break
        for _ in range(10000):
            left = descendants(os.getpid())
            if not left:
                break
            for pid in left:
                try:
                    os.kill(pid, 9)
                except OSError:
                    pass
            reap()
            time.sleep(0.001)
        reap()
        os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
        """;

    /// <summary>
    /// Kills one run's whole process tree (argv: the run's marker, or nothing to sweep only; then, for a warm run, the
    /// pid of its supervisor). A supervisor is found by its marker among processes whose parent is outside the container
    /// (ppid 0: only <c>docker exec</c> makes those, so agent code cannot forge one); a warm run's supervisor by its pid,
    /// believed only while its parent is the warm template (a ppid-0 process carrying the template's marker). Processes whose parent is pid 1 are leftovers of a supervisor that died
    /// (their parent would otherwise be a live supervisor, a subreaper) and are killed too. SIGKILL repeats until
    /// nothing is left, so a fork bomb cannot outrun it. Prints how many signals it sent.
    /// </summary>
    public const string Killer = """
        import os, sys, time
        marker = sys.argv[1].encode() if len(sys.argv) > 1 and sys.argv[1] else None
        warm = int(sys.argv[2]) if len(sys.argv) > 2 else None
        me = os.getpid()
        def marked(pid, mark):
            try:
                with open('/proc/%d/cmdline' % pid, 'rb') as f:
                    return mark in f.read().split(b'\0')
            except OSError:
                return False
        def victims():
            children, roots, parents = {}, [], {}
            for name in os.listdir('/proc'):
                if not name.isdigit():
                    continue
                pid = int(name)
                try:
                    with open('/proc/%d/stat' % pid, 'rb') as f:
                        stat = f.read()
                except OSError:
                    continue
                fields = stat[stat.rindex(b')') + 2:].split()
                if fields[0] == b'Z' or pid == 1 or pid == me:
                    continue
                ppid = int(fields[1])
                parents[pid] = ppid
                children.setdefault(ppid, []).append(pid)
                if ppid == 1:
                    roots.append(pid)
                elif ppid == 0 and marker is not None and marked(pid, marker):
                    roots.append(pid)
            if warm in parents and parents.get(parents[warm]) == 0 and marked(parents[warm], b'mledojo-warm-template'):
                roots.append(warm)
            found, i = list(roots), 0
            while i < len(found):
                found.extend(children.get(found[i], []))
                i += 1
            return found
        sent = 0
        for _ in range(10000):
            left = victims()
            if not left:
                break
            for pid in left:
                try:
                    os.kill(pid, 9)
                    sent += 1
                except OSError:
                    pass
            time.sleep(0.002)
        print(sent)
        """;

    /// <summary>
    /// Starts the warm template (argv: <see cref="TemplateMarker"/>, its spec as JSON, then the sources of the runner,
    /// spare and template modules and of the Docker template itself). It runs with <c>-s</c> and without the cwd on
    /// <c>sys.path</c>: the template is root, and must import nothing agent code could have written (the workspace,
    /// <c>~/.local</c>).
    /// </summary>
    public const string WarmBoot = """
        import sys, types
        if sys.path and sys.path[0] == '':
            del sys.path[0]
        for name, source in zip(('mledojo_warm_runner', 'mledojo_warm_spare', 'mledojo_warm_template'), sys.argv[3:6]):
            module = types.ModuleType(name)
            sys.modules[name] = module
            exec(compile(source, name + '.py', 'exec'), module.__dict__)
        exec(compile(sys.argv[6], 'mledojo_warm_docker.py', 'exec'), {'__name__': '__main__', '__builtins__': __builtins__})
        """;
}
