using System.Text.Json.Serialization;

namespace MleDojo.Server.Dashboard;

/// <summary>The dashboard's JSON, source-generated: the session list and one session.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IReadOnlyList<SessionSummary>))]
[JsonSerializable(typeof(SessionDetail))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
