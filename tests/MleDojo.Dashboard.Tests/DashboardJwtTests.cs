using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using MleDojo.Dashboard.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MleDojo.Dashboard.Tests;

/// <summary>Signing in to the dashboard with an access token under <c>--auth jwt</c>, tokens minted here from a local signing key.</summary>
public sealed class DashboardJwtTests : IAsyncLifetime
{
    private const string Issuer = "https://auth.test.example";
    private const string Audience = "https://mledojo.test.example/mcp";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly TempDirectory _keys = new("mledojo-jwks-");
    private DashboardServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "test-key" });
        jwk.Use = "sig";
        jwk.Alg = SecurityAlgorithms.RsaSha256;
        var jwks = _keys.Combine("jwks.json");
        await File.WriteAllTextAsync(jwks, JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = jwk.Use, alg = jwk.Alg, n = jwk.N, e = jwk.E } } }), Ct);
        _server = await DashboardServer.StartAsync("jwt", new Dictionary<string, string>
        {
            ["MleDojo__Http__Jwt__Issuer"] = Issuer,
            ["MleDojo__Http__Jwt__Audience"] = Audience,
            ["MleDojo__Http__Jwt__JwksFile"] = jwks,
        }, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _keys.Dispose();
        _rsa.Dispose();
    }

    [Fact]
    public async Task SignIn_ValidToken_SignsInItsSubject()
    {
        using var client = new DashboardClient(_server);

        var response = await client.SignInAsync(Token(_rsa, "carol", TimeSpan.FromHours(1)), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("<span id=\"viewer\">carol</span>", await home.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_TokenOfAnotherKey_IsRefused()
    {
        using var other = RSA.Create(2048);
        using var client = new DashboardClient(_server);

        var response = await client.SignInAsync(Token(other, "mallory", TimeSpan.FromHours(1)), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("id=\"signin-error\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ExpiredToken_IsRefused()
    {
        using var client = new DashboardClient(_server);

        var response = await client.SignInAsync(Token(_rsa, "carol", TimeSpan.FromMinutes(-10)), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string Token(RSA key, string subject, TimeSpan lifetime)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.AddMinutes(-30),
            NotBefore = now.AddMinutes(-30),
            Expires = now + lifetime,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["scope"] = "play" },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = "test-key" }, SecurityAlgorithms.RsaSha256),
        });
    }
}
