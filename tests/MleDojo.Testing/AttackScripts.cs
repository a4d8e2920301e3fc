namespace MleDojo.Testing;

/// <summary>
/// Attack scripts that both sandbox backends must survive word for word; each backend's attack tests run them and
/// keep their own assertions.
/// </summary>
public static class AttackScripts
{
    /// <summary>Allocates 20 GB three ways (bytearray, anonymous mmap, NumPy); the last is left to fail the run.</summary>
    public const string Allocate20Gb = """
        import mmap
        for label, allocate in [
            ('bytearray', lambda: bytearray(20 * 2**30)),
            ('anonymous mmap', lambda: mmap.mmap(-1, 20 * 2**30)),
        ]:
            try:
                allocate()
                print(label, 'ALLOCATED')
            except (MemoryError, OSError) as e:
                print(label, 'failed', type(e).__name__)
        import numpy as np
        x = np.ones(20 * 2**30 // 8)
        print('NUMPY ALLOCATED')
        """;

    /// <summary>Prints a line, then spins forever.</summary>
    public const string InfiniteLoop = """
        print('started training', flush=True)
        while True:
            pass
        """;

    /// <summary>Prints a first line and then 100 MB.</summary>
    public const string Print100Mb = """
        import sys
        chunk = ('x' * 1023 + '\n') * 1024
        print('first line')
        for i in range(100):
            sys.stdout.write(chunk)
        print('NOT REACHED')
        """;

    /// <summary>
    /// Looks into every place that holds labelled originals of shipped data (prints LEAK with what it finds), tries the
    /// titanic3 fixture by its full path, and checks that scikit-learn itself still imports.
    /// </summary>
    /// <param name="paths">The places the sandbox hides (the sandbox's own list, which is internal to it).</param>
    public static string LabelledOriginals(IEnumerable<string> paths) =>
        $$"""
        import os
        for path in [{{string.Join(", ", paths.Select(PythonText.Py))}}]:
            try:
                found = [os.path.join(d, f) for d, _, files in os.walk(path) for f in files]
                if found:
                    print('LEAK', path, found[:3])
            except OSError as e:
                print('blocked', path, type(e).__name__)
        try:
            print('LEAK titanic', len(open('/usr/lib/python3/dist-packages/sklearn/datasets/tests/data/openml/id_40945/data-v1-dl-16826755.arff.gz', 'rb').read()))
        except OSError as e:
            print('titanic blocked', type(e).__name__)
        from sklearn.linear_model import LogisticRegression
        print('sklearn works')
        """;
    /// <summary>
    /// Tries to make a nested user namespace three ways (util-linux <c>unshare -r id</c>, the unshare syscall, and
    /// <c>unshare -U</c>); prints LEAK when any of them works. A nested user namespace gives agent code root inside it
    /// and widens the kernel surface it can reach.
    /// </summary>
    public const string NestedUserNamespace = """
        import ctypes, subprocess
        for command in (['unshare', '-r', 'id'], ['unshare', '-U', 'true']):
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=30)
                print('LEAK' if done.returncode == 0 else 'refused', ' '.join(command), done.stdout.strip(), done.stderr.strip())
            except OSError as e:
                print('refused', ' '.join(command), type(e).__name__)
        libc = ctypes.CDLL(None, use_errno=True)
        print('LEAK syscall' if libc.unshare(0x10000000) == 0 else f'refused syscall errno {ctypes.get_errno()}')
        """;

    /// <summary>
    /// Tries to signal, ptrace and write into the memory of every process it can name (every pid it sees in /proc, and
    /// pids 1 to 400 blindly), then signals -1; prints REACHED for any process other than its own that it could touch.
    /// Run beside a sibling run, it shows whether one run can reach the other or the session's warm template.
    /// </summary>
    public const string ReachOtherProcesses = """
        import ctypes, os, signal
        libc = ctypes.CDLL(None, use_errno=True)
        me = os.getpid()
        mine = {me, os.getppid()}
        seen = {int(p) for p in os.listdir('/proc') if p.isdigit()}
        print('visible', sorted(seen))
        for pid in sorted(seen | set(range(1, 401))):
            if pid in mine:
                continue
            try:
                os.kill(pid, 0)
                print('REACHED signal', pid, open(f'/proc/{pid}/cmdline', 'rb').read()[:80] if pid in seen else b'')
            except OSError:
                pass
            if libc.ptrace(16, pid, None, None) == 0:
                print('REACHED ptrace', pid)
            try:
                with open(f'/proc/{pid}/mem', 'r+b', buffering=0) as memory:
                    print('REACHED mem', pid)
            except OSError:
                pass
        print('attack done', flush=True)
        os.kill(-1, signal.SIGKILL)
        """;
}
