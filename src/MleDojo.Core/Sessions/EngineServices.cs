using MleDojo.Core.Grading;
using MleDojo.Core.Recording;
using Microsoft.Extensions.Logging;

namespace MleDojo.Core.Sessions;

/// <summary>What every session of one engine shares: the store, the grader, the settings, the data root and the clock.</summary>
internal sealed record EngineServices(SqliteSessionStore Store, Grader Grader, SessionOptions Options, DataRoot DataRoot, TimeProvider Time, ILogger Logger);
