namespace MleDojo.Sessions.Tests.Support;

/// <summary>Agent scripts for the fixture competitions (standard library only).</summary>
internal static class Scripts
{
    /// <summary>Accuracy 1 on the label fixture.</summary>
    public static readonly string Perfect = Labels("'a' if float(r['x1']) > 0.5 else 'b'");

    /// <summary>Accuracy about 0.5 on the label fixture.</summary>
    public static readonly string Constant = Labels("'a'");

    /// <summary>Accuracy 0 on the label fixture.</summary>
    public static readonly string Inverted = Labels("'b' if float(r['x1']) > 0.5 else 'a'");

    public const string Hello = "print('still alive')\n";

    /// <summary>Prints, then spins until killed.</summary>
    public const string Forever = """
        import time
        print('started training', flush=True)
        while True:
            time.sleep(0.05)
        """;

    /// <summary>Writes a label submission with the given Python expression of the test row <c>r</c>.</summary>
    public static string Labels(string expression, string ids = "r['id']") => $$"""
        import csv
        rows = list(csv.DictReader(open('input/test.csv')))
        with open('output/submission.csv', 'w', newline='') as f:
            w = csv.writer(f)
            w.writerow(['id', 'Label'])
            for r in rows:
                w.writerow([{{ids}}, {{expression}}])
        print('wrote', len(rows), 'rows')
        """;

    /// <summary>Writes a regression submission predicting the given Python expression for every row.</summary>
    public static string Values(string expression) => $$"""
        import csv
        rows = list(csv.DictReader(open('input/test.csv')))
        with open('output/submission.csv', 'w', newline='') as f:
            w = csv.writer(f)
            w.writerow(['row_id', 'y'])
            for r in rows:
                w.writerow([r['row_id'], {{expression}}])
        print('wrote', len(rows), 'rows')
        """;
}
