using System.Text.Json.Serialization;
using MleDojo.Core.Competitions;
using MleDojo.Core.Grading;
using MleDojo.Core.Sessions;

namespace MleDojo.Core.Serialization;

/// <summary>
/// The source-generated contracts of every value the environment puts on the wire or in its store: the tool results,
/// the records' arguments, budgets and gradings, and the enums. Properties keep their explicit
/// <see cref="JsonPropertyNameAttribute"/> names (the contract); the few without one are named by the snake_case policy.
/// Enums carry <see cref="SnakeCaseEnumConverter{TEnum}"/> on their type rather than an options-wide converter, so their
/// wire value is the same under any options that add no enum converter of their own. The context's own options are the
/// store's: compact, nulls written. Use it through <see cref="DojoJson"/>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(SubmitResult))]
[JsonSerializable(typeof(EndResult))]
[JsonSerializable(typeof(HistoryResult))]
[JsonSerializable(typeof(InfoResult))]
[JsonSerializable(typeof(SessionStarted))]
[JsonSerializable(typeof(FileListing))]
[JsonSerializable(typeof(FileContent))]
[JsonSerializable(typeof(FileWritten))]
[JsonSerializable(typeof(CompetitionList))]
[JsonSerializable(typeof(BudgetLimits))]
[JsonSerializable(typeof(BudgetStatus))]
[JsonSerializable(typeof(GradeReport))]
[JsonSerializable(typeof(StartArguments))]
[JsonSerializable(typeof(InfoArguments))]
[JsonSerializable(typeof(WriteArguments))]
[JsonSerializable(typeof(SubmitArguments))]
[JsonSerializable(typeof(TruncateArguments))]
[JsonSerializable(typeof(ResumeArguments))]
[JsonSerializable(typeof(RefusalArguments))]
[JsonSerializable(typeof(EpisodeState))]
[JsonSerializable(typeof(RunStatus))]
[JsonSerializable(typeof(StepStatus))]
[JsonSerializable(typeof(ActionName))]
internal sealed partial class DojoJsonContext : JsonSerializerContext;
