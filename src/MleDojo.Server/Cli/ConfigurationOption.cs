using System.Collections;
using System.CommandLine;
using System.Globalization;

namespace MleDojo.Server.Cli;

/// <summary>
/// An option whose value sets a configuration key (<c>--python</c> sets <c>MleDojo:Sandbox:Python</c>), so a flag
/// overrides appsettings.json and environment variables through the same binding and validation as they do.
/// </summary>
/// <typeparam name="T">The option's value type.</typeparam>
internal sealed class ConfigurationOption<T> : Option<T>, IConfigurationFlag
{
    public ConfigurationOption(string name, string key)
        : base(name)
    {
        Key = key;
    }

    /// <summary>The configuration key the flag sets (a list sets <c>Key:0</c>, <c>Key:1</c>, ...).</summary>
    public string Key { get; }

    public void AddTo(IDictionary<string, string?> flags, ParseResult parseResult)
    {
        switch (parseResult.GetValue(this))
        {
            case null:
                return;
            case bool on:
                // A switch only ever turns a setting on: its absence leaves the other layers' value alone.
                if (on)
                {
                    flags[Key] = "true";
                }

                return;
            case string text:
                flags[Key] = text;
                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    flags[$"{Key}:{index++}"] = Convert.ToString(item, CultureInfo.InvariantCulture);
                }

                return;
            case var value:
                flags[Key] = Convert.ToString(value, CultureInfo.InvariantCulture);
                return;
        }
    }
}
