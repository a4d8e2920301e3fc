using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MleDojo.Server.Experiments;

/// <summary>Reads an experiment file and names every problem by its key (<c>agents[1].endpoint: ...</c>).</summary>
internal static partial class ExperimentConfigReader
{
    private static readonly string[] TopKeys = ["id", "agents", "competitions", "seeds", "max_steps", "run_timeout_s", "episode_timeout_s"];
    private static readonly string[] AgentKeys = ["name", "model", "endpoint", "api_key_env", "max_turns", "max_tokens", "max_context_tokens", "temperature", "idle_replies"];

    /// <summary>The experiment as far as it could be read (null when the file is not a YAML mapping); every problem found is added to <paramref name="problems"/>.</summary>
    public static ExperimentConfig? Read(string yaml, List<string> problems)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                problems.Add("the file is not a YAML mapping of id, agents, competitions and seeds");
                return null;
            }

            root = mapping;
        }
        catch (YamlException exception)
        {
            problems.Add($"not valid YAML: {exception.Message}");
            return null;
        }

        var fields = new Fields(root, "", TopKeys, problems);
        var id = fields.Name("id");
        var agents = ReadAgents(fields.Sequence("agents"), problems);
        var competitions = fields.Sequence("competitions")?.Select((node, i) => Text(node, $"competitions[{i}]", problems)).OfType<string>().ToList();
        var seeds = fields.Sequence("seeds")?.Select((node, i) => Number(node, $"seeds[{i}]", 0, long.MaxValue, problems)).OfType<long>().ToList();
        if (seeds is not null && seeds.Distinct().Count() != seeds.Count)
        {
            problems.Add("seeds: a seed is listed twice");
        }

        var config = new ExperimentConfig
        {
            Id = id ?? "",
            Agents = agents,
            Competitions = competitions ?? [],
            Seeds = seeds ?? [],
            MaxSteps = (int?)fields.Number("max_steps", 1, 100_000),
            RunTimeoutSeconds = (int?)fields.Number("run_timeout_s", 1, 1_000_000),
            EpisodeTimeoutSeconds = (int?)fields.Number("episode_timeout_s", 1, 10_000_000),
        };
        return config;
    }

    private static List<ExperimentAgent> ReadAgents(YamlSequenceNode? sequence, List<string> problems)
    {
        var agents = new List<ExperimentAgent>();
        for (var i = 0; i < (sequence?.Children.Count ?? 0); i++)
        {
            var path = $"agents[{i}]";
            if (sequence!.Children[i] is not YamlMappingNode mapping)
            {
                problems.Add($"{path}: expected a mapping with name, model, endpoint and api_key_env");
                continue;
            }

            var fields = new Fields(mapping, $"{path}.", AgentKeys, problems);
            var name = fields.Name("name");
            var model = fields.Text("model", required: true);
            var endpoint = fields.Text("endpoint", required: true);
            var key = fields.Text("api_key_env", required: true);
            Uri? uri = null;
            if (endpoint is not null && (!Uri.TryCreate(endpoint, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https")))
            {
                problems.Add($"{path}.endpoint: '{endpoint}' is not an http(s) URL, e.g. http://localhost:11434/v1");
            }

            if (name is not null && agents.Any(a => a.Name == name))
            {
                problems.Add($"{path}.name: '{name}' names another agent already");
            }

            var agent = new ExperimentAgent
            {
                Name = name ?? "",
                Model = model ?? "",
                Endpoint = uri is { Scheme: "http" or "https" } ? uri : new Uri("http://localhost/"),
                ApiKeyEnv = key ?? "",
                MaxTurns = (int?)fields.Number("max_turns", 1, 10_000),
                MaxTokens = fields.Number("max_tokens", 1, long.MaxValue),
                MaxContextTokens = (int?)fields.Number("max_context_tokens", 1_000, 10_000_000),
                Temperature = (float?)fields.Real("temperature", 0, 2),
                IdleReplies = (int?)fields.Number("idle_replies", 1, 100),
            };
            agents.Add(agent);
        }

        return agents;
    }

    private static string? Text(YamlNode node, string path, List<string> problems)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        problems.Add($"{path}: expected a text value");
        return null;
    }

    private static long? Number(YamlNode node, string path, long min, long max, List<string> problems)
    {
        if (node is YamlScalarNode { Value: { } value } && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        problems.Add($"{path}: expected a whole number from {min}{(max == long.MaxValue ? "" : $" to {max}")}");
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex SafeName();

    /// <summary>The keys of one mapping: unknown ones are problems, missing required ones too.</summary>
    private sealed class Fields
    {
        private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);
        private readonly string _prefix;
        private readonly List<string> _problems;

        public Fields(YamlMappingNode mapping, string prefix, string[] known, List<string> problems)
        {
            _prefix = prefix;
            _problems = problems;
            foreach (var (key, value) in mapping.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!known.Contains(name))
                {
                    problems.Add($"{prefix}{name}: unknown key (expected one of {string.Join(", ", known)})");
                }
                else
                {
                    _values[name] = value;
                }
            }
        }

        public string? Text(string key, bool required = false) =>
            _values.TryGetValue(key, out var node) ? ExperimentConfigReader.Text(node, _prefix + key, _problems) : Missing(key, required);

        public string? Name(string key)
        {
            var value = Text(key, required: true);
            if (value is not null && !SafeName().IsMatch(value))
            {
                _problems.Add($"{_prefix}{key}: '{value}' must be letters, digits, '.', '_' or '-' (it names files)");
                return null;
            }

            return value;
        }

        public long? Number(string key, long min, long max) =>
            _values.TryGetValue(key, out var node) ? ExperimentConfigReader.Number(node, _prefix + key, min, max, _problems) : null;

        public double? Real(string key, double min, double max)
        {
            if (!_values.TryGetValue(key, out var node))
            {
                return null;
            }

            if (node is YamlScalarNode { Value: { } value } && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            {
                return number;
            }

            _problems.Add($"{_prefix}{key}: expected a number from {min} to {max}");
            return null;
        }

        public YamlSequenceNode? Sequence(string key)
        {
            if (!_values.TryGetValue(key, out var node))
            {
                Missing(key, required: true);
                return null;
            }

            if (node is YamlSequenceNode { Children.Count: > 0 } sequence)
            {
                return sequence;
            }

            _problems.Add($"{_prefix}{key}: expected a non-empty list");
            return null;
        }

        private string? Missing(string key, bool required)
        {
            if (required)
            {
                _problems.Add($"{_prefix}{key}: missing");
            }

            return null;
        }
    }
}
