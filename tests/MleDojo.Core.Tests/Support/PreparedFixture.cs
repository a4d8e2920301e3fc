using MleDojo.Core.Competitions;

namespace MleDojo.Core.Tests.Support;

/// <summary>A prepared fixture competition in a temporary data root, with helpers to write submissions.</summary>
internal sealed class PreparedFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    private PreparedFixture()
    {
    }

    public PreparedCompetition Prepared { get; private set; } = null!;

    public static async Task<PreparedFixture> CreateAsync(Func<string, string> writeCompetition, CancellationToken cancellationToken)
    {
        var fixture = new PreparedFixture();
        var spec = CompetitionSpecLoader.Load(writeCompetition(fixture._temp.Combine("comps")));
        fixture.Prepared = await new CompetitionPreparer(new DataRoot(fixture._temp.Combine("home"))).PrepareAsync(spec, cancellationToken: cancellationToken);
        return fixture;
    }

    public IReadOnlyList<string[]> Answers => Data.CsvText.ReadAll(Prepared.AnswersPath).Rows;

    public string WriteSubmission(string content, string name = "submission.csv")
    {
        var path = _temp.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }

    public string WriteBytes(byte[] content, string name = "submission.csv")
    {
        var path = _temp.Combine(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose() => _temp.Dispose();
}
