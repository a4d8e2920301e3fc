namespace MleDojo.Core.Competitions;

/// <summary>
/// The catalog: shipped competitions plus any extra folders the operator configured. Loaded once; a broken
/// folder does not hide the others but is reported in <see cref="Problems"/>.
/// </summary>
public sealed class CompetitionRegistry
{
    private readonly Dictionary<string, CompetitionSpec> _byId;

    private CompetitionRegistry(Dictionary<string, CompetitionSpec> byId, IReadOnlyList<string> problems)
    {
        _byId = byId;
        Problems = problems;
    }

    /// <summary>Competitions, ordered by id.</summary>
    public IReadOnlyList<CompetitionSpec> All => [.. _byId.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];

    /// <summary>One message per folder that failed to load (file and field named).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Loads every <c>*/competition.yaml</c> under the given roots. Later roots cannot shadow an id already loaded.</summary>
    public static CompetitionRegistry Load(IEnumerable<string> roots)
    {
        var byId = new Dictionary<string, CompetitionSpec>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var root in roots)
        {
            if (!System.IO.Directory.Exists(root))
            {
                problems.Add($"{root}: competitions directory not found");
                continue;
            }

            foreach (var dir in System.IO.Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
            {
                if (!File.Exists(Path.Combine(dir, CompetitionSpecLoader.SpecFileName)))
                {
                    continue;
                }

                try
                {
                    var spec = CompetitionSpecLoader.Load(dir);
                    if (!byId.TryAdd(spec.Id, spec))
                    {
                        problems.Add($"{spec.SpecPath}: id '{spec.Id}' is already defined by {byId[spec.Id].SpecPath}; skipped");
                    }
                }
                catch (CompetitionSpecException ex)
                {
                    problems.Add(ex.Message);
                }
            }
        }

        return new CompetitionRegistry(byId, problems);
    }

    /// <summary>Finds a competition by id.</summary>
    /// <exception cref="UnknownCompetitionException">No competition has this id; the message lists the known ones.</exception>
    public CompetitionSpec Get(string id) =>
        _byId.TryGetValue(id, out var spec) ? spec : throw new UnknownCompetitionException(id, [.. _byId.Keys.Order(StringComparer.Ordinal)]);

    /// <summary>Finds a competition by id, without throwing when there is none.</summary>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CompetitionSpec? spec) => _byId.TryGetValue(id, out spec);

    /// <summary>Competitions carrying the tag (all when <paramref name="tagOrCategory"/> is null), or in the category.</summary>
    public IReadOnlyList<CompetitionSpec> Filter(string? tagOrCategory) => Filter(tagOrCategory is null ? [] : [tagOrCategory]);

    /// <summary>Competitions matching every term, where a term matches a tag or the category; all when there are none.</summary>
    public IReadOnlyList<CompetitionSpec> Filter(IReadOnlyCollection<string> tagsOrCategories) =>
        [.. All.Where(c => tagsOrCategories.All(t => c.Category == t || c.Tags.Contains(t, StringComparer.Ordinal)))];
}
