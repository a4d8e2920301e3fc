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
}
