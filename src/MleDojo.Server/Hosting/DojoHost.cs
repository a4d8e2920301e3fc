using MleDojo.Core;
using MleDojo.Core.Execution;
using MleDojo.Core.Grading;
using MleDojo.Core.Recording;
using MleDojo.Core.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MleDojo.Server.Hosting;

/// <summary>
/// The one way every verb gets its configuration and services. Configuration is layered, later layers winning:
/// <c>appsettings.json</c> next to the executable, then environment variables (<c>MleDojo__Sandbox__Backend=docker</c>),
/// then the verb's command-line flags. Each options class is bound from its own section
/// (<see cref="ConfigurationSections"/>) and all are validated together by <see cref="Validate"/>. Offline verbs use the
/// host's services without running it; <c>serve</c> adds the MCP server (<see cref="ServerHost"/>) and runs it.
/// </summary>
internal static class DojoHost
{
    /// <summary>A host builder with the layered configuration, the validated options, logging and the environment's services.</summary>
    /// <param name="flags">Configuration keys set by command-line flags (<c>MleDojo:Sandbox:Python</c> = value).</param>
    /// <param name="settings">Where appsettings.json is, which environment, what the console log shows; null for the defaults.</param>
    public static HostApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?> flags, DojoHostSettings? settings = null)
    {
        settings ??= new DojoHostSettings();

        // No defaults: they would add appsettings.{Environment}.json, user secrets, reload-on-change watchers and
        // console logging to stdout. The layers are exactly these three.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "mledojo",
            ContentRootPath = settings.ContentRoot,
            EnvironmentName = Environments.Production,
        });
        Configure(builder, flags, settings);
        return builder;
    }

    /// <summary>
    /// Gives any host builder (this generic one, or the web application <c>serve --http</c> builds) the layered
    /// configuration, the validated options, logging and the environment's services.
    /// </summary>
    public static void Configure(IHostApplicationBuilder builder, IReadOnlyDictionary<string, string?> flags, DojoHostSettings settings)
    {
        builder.Configuration.AddJsonFile(Path.Combine(settings.ContentRoot, "appsettings.json"), optional: true, reloadOnChange: false);
        if (settings.Environment is null)
        {
            builder.Configuration.AddEnvironmentVariables();
        }
        else
        {
            // The same mapping as the environment variables provider: a double underscore separates sections.
            builder.Configuration.AddInMemoryCollection(settings.Environment.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)));
        }

        builder.Configuration.AddInMemoryCollection(flags);

        builder.Services.AddDojoOptions();
        builder.AddDojoLogging(settings.ConsoleLog);
        builder.Services.AddSingleton(services => DataRoot.FromEnvironment(HomeOf(services.GetRequiredService<IConfiguration>())));
        builder.Services.AddSingleton(services => CatalogContext.Create(
            services.GetRequiredService<DataRoot>(),
            services.GetRequiredService<IOptions<MleDojoOptions>>().Value.Competitions,
            services.GetRequiredService<ILogger<CatalogContext>>()));
        builder.Services.AddSingleton(services => services.GetRequiredService<CatalogContext>().Catalog);
        builder.Services.AddSingleton(services => services.GetRequiredService<CatalogContext>().Preparer);
        builder.Services.AddSingleton(TimeProvider.System);

        // Started by DojoServices.StartAsync (serve, calibrate). Created after DojoServices, the session manager is
        // disposed before it, so sessions end before the sandbox backend goes.
        builder.Services.AddSingleton<DojoServices>();
        builder.Services.AddSingleton<ISandboxProvider>(services => services.GetRequiredService<DojoServices>().Sandboxes);
        builder.Services.AddSingleton<Grader>(services => services.GetRequiredService<DojoServices>().Grader);
        builder.Services.AddSingleton<SqliteSessionStore>(services => services.GetRequiredService<DojoServices>().Store);
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<SessionOptions>>().Value);
        builder.Services.AddSingleton(services => services.GetRequiredService<DojoServices>().CreateSessionManager(services.GetRequiredService<SessionOptions>()));
    }

    /// <summary>
    /// The configured data root, read without the options' validation: building the host opens the log file in it, before
    /// <see cref="Validate"/> can report anything. A blank value means the default, as for <see cref="MleDojoOptions.Home"/>.
    /// </summary>
    private static string? HomeOf(IConfiguration configuration) =>
        configuration.GetSection(ConfigurationSections.Root).Get<MleDojoOptions>()?.Home is { } home && !string.IsNullOrWhiteSpace(home) ? home : null;

    /// <summary>Binds and validates every options class now, so a bad value stops the verb before it does anything.</summary>
    /// <exception cref="InvalidConfigurationException">Some values are invalid; the message lists every problem with its key.</exception>
    public static void Validate(IHost host)
    {
        try
        {
            host.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception exception) when (exception is OptionsValidationException or AggregateException or InvalidOperationException)
        {
            // The startup validator stops at the first value the binder cannot convert (InvalidOperationException): ask
            // each section in turn, so the message lists every problem at once.
            var problems = ConfigurationSections.Bound.SelectMany(type => Problems(host.Services, type)).Distinct(StringComparer.Ordinal).ToList();
            throw new InvalidConfigurationException(problems.Count > 0 ? problems : ConfigurationProblems.From(exception), exception);
        }
    }

    private static IReadOnlyList<string> Problems(IServiceProvider services, Type optionsType)
    {
        try
        {
            _ = ((IOptions<object>)services.GetRequiredService(typeof(IOptions<>).MakeGenericType(optionsType))).Value;
            return [];
        }
        catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException)
        {
            return ConfigurationProblems.From(exception);
        }
    }
}
