using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MleDojo.Core.Serialization;

/// <summary>
/// The one JSON contract of the environment's values (<see cref="DojoJsonContext"/>): the MCP tools build their
/// serializer options on <see cref="TypeInfoResolver"/>, the store writes and reads its JSON columns here, and enum
/// columns hold the same snake_case <see cref="WireName{TEnum}"/> the JSON does.
/// </summary>
public static class DojoJson
{
    private static readonly JsonSerializerOptions IndentedOptions = new(DojoJsonContext.Default.Options) { WriteIndented = true };

    /// <summary>The contracts of every result and record type, for serializer options of another layer (the MCP tools).</summary>
    public static IJsonTypeInfoResolver TypeInfoResolver => DojoJsonContext.Default;

    /// <summary>The JSON string an enum value is on the wire and in the store (<c>RunStatus.TimedOut</c> is <c>timed_out</c>).</summary>
    public static string WireName<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        WireNames<TEnum>.Names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {typeof(TEnum).Name}");

    /// <summary>The enum value whose <see cref="WireName{TEnum}"/> is <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">It is no value's wire name.</exception>
    public static TEnum ParseWireName<TEnum>(string text)
        where TEnum : struct, Enum =>
        WireNames<TEnum>.Values.TryGetValue(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a {typeof(TEnum).Name}; expected one of {string.Join(", ", WireNames<TEnum>.Names.Values)}.");

    /// <summary>Compact JSON as the store keeps it (nulls written).</summary>
    internal static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>(DojoJsonContext.Default.Options));

    /// <summary>Compact JSON of a value of any registered type, by its runtime type.</summary>
    internal static string SerializeObject(object value) => JsonSerializer.Serialize(value, value.GetType(), DojoJsonContext.Default);

    /// <summary>Indented JSON, for text an agent reads.</summary>
    internal static string SerializeIndented<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>(IndentedOptions));

    /// <summary>Reads JSON the store holds.</summary>
    /// <exception cref="JsonException">It is not a <typeparamref name="T"/>, or is null.</exception>
    internal static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize(json, TypeInfo<T>(DojoJsonContext.Default.Options)) ?? throw new JsonException($"null where a {typeof(T).Name} was expected");

    private static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    /// <summary>Each value's wire name, taken from the enum's JSON converter, so the columns and the JSON cannot disagree.</summary>
    private static class WireNames<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Names = Enum.GetValues<TEnum>().ToFrozenDictionary(
            v => v, v => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(v, TypeInfo<TEnum>(DojoJsonContext.Default.Options)))!);

        public static readonly FrozenDictionary<string, TEnum> Values = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
