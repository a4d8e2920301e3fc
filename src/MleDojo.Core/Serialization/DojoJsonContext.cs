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
[JsonSerializable(typeof(StepArguments.Start), TypeInfoPropertyName = "StartArguments")]
[JsonSerializable(typeof(StepArguments.Info), TypeInfoPropertyName = "InfoArguments")]
[JsonSerializable(typeof(StepArguments.Write), TypeInfoPropertyName = "WriteArguments")]
[JsonSerializable(typeof(StepArguments.Submit), TypeInfoPropertyName = "SubmitArguments")]
[JsonSerializable(typeof(StepArguments.Truncate), TypeInfoPropertyName = "TruncateArguments")]
[JsonSerializable(typeof(StepArguments.Resume), TypeInfoPropertyName = "ResumeArguments")]
[JsonSerializable(typeof(StepArguments.Refusal), TypeInfoPropertyName = "RefusalArguments")]
[JsonSerializable(typeof(EpisodeState))]
[JsonSerializable(typeof(RunStatus))]
[JsonSerializable(typeof(StepStatus))]
[JsonSerializable(typeof(ActionName))]
[JsonSerializable(typeof(SessionErrorCode))]
internal sealed partial class DojoJsonContext : JsonSerializerContext;
