using System.Globalization;
using System.CommandLine;
using System.Text.Json;
using MleDojo.Core;
using MleDojo.Server.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace MleDojo.Server.Cli;

/// <summary>
/// <c>mledojo keys create|list|revoke</c>: the API keys of <c>serve --http --auth keys</c>, in the data root. A running
/// server sees a new or revoked key at its next request.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "The principal the key authenticates: it owns the sessions it starts.", Required = true };
        var scopes = new Option<string?>("--scopes") { Description = $"What it may do, comma-separated: {string.Join(", ", DojoScopes.All)} (default: {DojoScopes.Play}; admin sees every session)." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var create = new Command("create", "Create an API key. It is printed once; only its hash is stored.") { name, scopes, json };
        create.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, async (host, ct) =>
        {
            IReadOnlyList<string> granted;
            string key;
            try
            {
                granted = DojoScopes.Parse(parseResult.GetValue(scopes));
                key = await StoreOf(host).CreateAsync(parseResult.GetValue(name)!, granted, ct);
            }
            catch (ArgumentException ex)
            {
                return VerbHost.Fail(host, ex.Message);
            }

            var principal = parseResult.GetValue(name)!.Trim();
            if (parseResult.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { name = principal, key, scopes = granted }, JsonOutput.Options));
            }
            else
            {
                Console.WriteLine(key);
                Console.Error.WriteLine($"Key for '{principal}' (scopes: {string.Join(", ", granted)}). It is shown only now: store it safely. Clients send it as 'Authorization: Bearer <key>'.");
            }

            return 0;
        }, cancellationToken));

        var listJson = new Option<bool>("--json") { Description = "Print JSON." };
        var list = new Command("list", "List the API keys: names, scopes, and when each was created or revoked (never the keys).") { listJson };
        list.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, async (host, ct) =>
        {
            var keys = await StoreOf(host).ListAsync(ct);
            if (parseResult.GetValue(listJson))
            {
                Console.WriteLine(JsonSerializer.Serialize(keys.Select(k => new { name = k.Name, scopes = k.Scopes, created_at = k.CreatedAt, revoked_at = k.RevokedAt }), JsonOutput.Options));
                return 0;
            }

            Console.WriteLine(TextTable.Render(
                ["name", "scopes", "created", "state"],
                keys.Select(k => (IReadOnlyList<string>)[k.Name, string.Join(",", k.Scopes), Time(k.CreatedAt), k.RevokedAt is { } revoked ? $"revoked {Time(revoked)}" : "working"])));
            return 0;
        }, cancellationToken));

        var revokedName = new Argument<string>("name") { Description = "The name of the key to revoke." };
        var revoke = new Command("revoke", "Revoke a key at once, on running servers too.") { revokedName };
        revoke.SetAction((parseResult, cancellationToken) => VerbHost.RunAsync(parseResult, async (host, ct) =>
        {
            var target = parseResult.GetValue(revokedName)!;
            if (!await StoreOf(host).RevokeAsync(target, ct))
            {
                return VerbHost.Fail(host, $"no working key is named '{target}'. See them with: mledojo keys list");
            }

            Console.Error.WriteLine($"Revoked the key '{target}'.");
            return 0;
        }, cancellationToken));

        return new Command("keys", "Manage the API keys of serve --http --auth keys.") { create, list, revoke };
    }

    private static ApiKeyStore StoreOf(Microsoft.Extensions.Hosting.IHost host) => ApiKeyStore.In(host.Services.GetRequiredService<DataRoot>().Path);

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
