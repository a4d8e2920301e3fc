using System.Text.Json;
using System.Text.RegularExpressions;
using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests;

/// <summary>tools/list against the contract in DESIGN.md: names, annotations, input and output schemas.</summary>
[Collection(ServerCollection.Name)]
public sealed partial class ToolContractTests(ServerFixture fixture)
{
    private static readonly string[] ContractTools =
    [
        "list_competitions", "start_session", "request_info", "validate_code", "execute_code", "get_run", "cancel_run",
        "list_files", "read_file", "write_file", "submit", "get_history", "reset", "end_session",
    ];

    private static readonly HashSet<string> ReadOnlyTools = ["list_competitions", "request_info", "get_run", "list_files", "read_file", "get_history"];

    private static readonly HashSet<string> FileTools = ["list_files", "read_file", "write_file"];

    private static readonly HashSet<string> DestructiveTools = ["cancel_run", "write_file", "submit", "reset", "end_session"];

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();

    [Fact]
    public async Task ListTools_Names_AreExactlyTheContractInSnakeCase()
    {
        var tools = await fixture.Server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ContractTools.Order(StringComparer.Ordinal), tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, t => Assert.Matches(SnakeCase(), t.Name));
        Assert.All(tools, t => Assert.False(string.IsNullOrWhiteSpace(t.ProtocolTool.Title), $"{t.Name} has no title"));
        Assert.All(tools, t => Assert.False(string.IsNullOrWhiteSpace(t.Description), $"{t.Name} has no description"));
    }

    [Fact]
    public async Task ListTools_Annotations_CarryAllFourBehaviourHints()
    {
        var tools = await fixture.Server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        foreach (var tool in tools.Select(t => t.ProtocolTool))
        {
            var hints = tool.Annotations;
            Assert.True(hints is not null, $"{tool.Name} has no annotations");
            Assert.Equal(ReadOnlyTools.Contains(tool.Name), hints.ReadOnlyHint);
            Assert.Equal(DestructiveTools.Contains(tool.Name), hints.DestructiveHint);
            Assert.True(hints.IdempotentHint.HasValue, $"{tool.Name} has no idempotentHint");
            Assert.False(hints.OpenWorldHint ?? true, $"{tool.Name}: the environment is closed (openWorldHint must be false)");
            if (hints.ReadOnlyHint == true)
            {
                Assert.True(hints.IdempotentHint, $"{tool.Name} is read-only so it must be idempotent");
            }
        }
    }

    [Fact]
    public async Task ListTools_InputSchemas_AreSnakeCaseObjectsWithTheRequiredArguments()
    {
        var tools = (await fixture.Server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken))
            .ToDictionary(t => t.Name, t => t.ProtocolTool.InputSchema);

        foreach (var (name, schema) in tools)
        {
            Assert.Equal("object", schema.GetProperty("type").GetString());
            var properties = schema.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(x => x.Name).ToList() : [];
            Assert.All(properties, property => Assert.Matches(SnakeCase(), property));
            if (name is not "list_competitions" and not "start_session")
            {
                Assert.Contains("session_id", Required(schema));
            }
        }

        Assert.Equal(["competition_id"], Required(tools["start_session"]));
        Assert.Equal(["code", "session_id"], Required(tools["execute_code"]).Order(StringComparer.Ordinal));
        Assert.Contains("wait_s", tools["execute_code"].GetProperty("properties").EnumerateObject().Select(x => x.Name));
        Assert.Equal(["run_id", "session_id"], Required(tools["get_run"]).Order(StringComparer.Ordinal));
        Assert.Equal(["info_type", "session_id"], tools["request_info"].GetProperty("properties").EnumerateObject().Select(x => x.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListTools_OutputSchemas_DeclareTheContractFields()
    {
        var tools = (await fixture.Server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken))
            .ToDictionary(t => t.Name, t => t.ProtocolTool.OutputSchema);

        foreach (var (name, schema) in tools)
        {
            Assert.True(schema is { ValueKind: JsonValueKind.Object }, $"{name} has no output schema");
            Assert.Equal("object", schema.Value.GetProperty("type").GetString());
            var fields = Properties(schema.Value);
            Assert.All(fields, field => Assert.Matches(SnakeCase(), field));
            if (name != "list_competitions" && !FileTools.Contains(name))
            {
                Assert.True(fields.Contains("budget"), $"{name}'s result does not say what budget remains");
            }
        }

        HasFields(tools["list_competitions"], "competitions");
        HasFields(tools["start_session"], "session_id", "budget", "workspace", "overview");
        HasFields(tools["request_info"], "info_type", "content");
        foreach (var tool in new[] { "validate_code", "execute_code", "get_run", "cancel_run" })
        {
            HasFields(tools[tool], "status", "stdout", "stderr", "exit_code", "duration_s", "submission", "run_id", "public_score", "best_public_score", "reward", "terminated", "truncated");
        }

        HasFields(tools["submit"], "private_score", "public_score", "position_score", "medal", "normalized_score", "terminated");
        HasFields(tools["get_history"], "steps");
        HasFields(tools["reset"], "session_id");
        HasFields(tools["end_session"], "state", "final");
    }

    private static void HasFields(JsonElement? schema, params string[] fields)
    {
        var actual = Properties(schema!.Value);
        var missing = fields.Where(f => !actual.Contains(f)).ToList();
        Assert.True(missing.Count == 0, $"output schema lacks {string.Join(", ", missing)}; it has {string.Join(", ", actual)}");
    }

    [Fact]
    public async Task ListTools_FileToolOutputSchemas_IncludeTheBudget()
    {
        var tools = await fixture.Server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(tools.Where(t => FileTools.Contains(t.Name)), t => HasFields(t.ProtocolTool.OutputSchema, "budget"));
    }

    [Fact]
    public async Task ListCompetitions_CategoryAndTags_FilterByAllOfThem()
    {
        var ct = TestContext.Current.CancellationToken;
        static List<JsonElement> Items(JsonElement result) => [.. result.GetProperty("competitions").EnumerateArray()];
        static bool Has(JsonElement c, string term) =>
            c.Str("category") == term || c.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == term);

        var all = Items(await fixture.Server.OkAsync("list_competitions", [], ct));
        var lite = Items(await fixture.Server.OkAsync("list_competitions", new() { ["tags"] = new[] { "lite" } }, ct));
        var liteBinary = Items(await fixture.Server.OkAsync("list_competitions", new() { ["category"] = "tabular", ["tags"] = new[] { "lite", "binary" } }, ct));
        var none = Items(await fixture.Server.OkAsync("list_competitions", new() { ["tags"] = new[] { "no-such-tag" } }, ct));

        Assert.Equal(all.Count(c => Has(c, "lite")), lite.Count);
        Assert.All(lite, c => Assert.True(Has(c, "lite")));

        // The shipped catalog has lite and other competitions, so a working filter keeps some and drops some.
        Assert.NotEmpty(lite);
        Assert.True(lite.Count < all.Count, $"the lite filter kept all {all.Count} competitions");

        Assert.NotEmpty(liteBinary);
        Assert.All(liteBinary, c => Assert.True(Has(c, "tabular") && Has(c, "lite") && Has(c, "binary"), c.Str("id")));
        Assert.Equal(all.Count(c => Has(c, "tabular") && Has(c, "lite") && Has(c, "binary")), liteBinary.Count);
        Assert.Empty(none);
    }

    private static HashSet<string> Properties(JsonElement schema) =>
        [.. schema.GetProperty("properties").EnumerateObject().Select(p => p.Name)];

    private static List<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!)] : [];
}
