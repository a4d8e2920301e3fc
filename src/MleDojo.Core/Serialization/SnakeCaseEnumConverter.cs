using System.Text.Json;
using System.Text.Json.Serialization;

namespace MleDojo.Core.Serialization;

/// <summary>
/// Writes an enum as its snake_case member name (<c>TimedOut</c> is <c>"timed_out"</c>) and reads only those names,
/// never numbers. Put on the enum type, so every serializer that has no enum converter of its own agrees on the wire value.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
