using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MleDojo.Http.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MleDojo.Http.Tests;

/// <summary>
/// <c>--auth jwt</c>: the server as an OAuth 2.1 resource server. Tokens are minted here from a local signing key whose
/// public half the server reads from a JWKS file; every check of issuer, audience, lifetime and signature is attacked.
/// </summary>
public sealed class JwtTests : IDisposable
{
    private const string Issuer = "https://auth.mledojo.test/";
    private const string Audience = "https://dojo.mledojo.test/mcp";
    private readonly RSA _signing = RSA.Create(2048);
    private readonly RSA _stranger = RSA.Create(2048);
    private readonly TempDirectory _keys = new();

    public void Dispose()
    {
        _signing.Dispose();
        _stranger.Dispose();
        _keys.Dispose();
    }

    [Fact]
    public async Task Tokens_AreCheckedForIssuerAudienceLifetimeSignatureAndScope_AndTheResourceDescribesItself()
    {
        using var timeout = Calls.Within(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        await using var server = await HttpServer.StartAsync(ct, auth: "jwt", environment: JwtSettings());

        var token = Mint("alice", "play");
        await using (var client = await server.ConnectAsync(token, ct))
        {
            var id = await client.StartAsync(ct);
            var history = await client.OkAsync("get_history", new() { ["session_id"] = id }, ct);
            Assert.Equal("alice", history.GetProperty("labels").Str("owner"));
        }

        foreach (var (why, bad) in new[]
        {
            ("expired", Mint("alice", "play", expires: DateTime.UtcNow.AddMinutes(-5))),
            ("for another audience", Mint("alice", "play", audience: "https://elsewhere.test/mcp")),
            ("from another issuer", Mint("alice", "play", issuer: "https://evil.test/")),
            ("signed with another key", Mint("alice", "play", key: _stranger)),
            ("tampered", Tamper(token)),
        })
        {
            using var http = server.Http(bad);
            using var response = await http.SendAsync(Initialize(), ct);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"a token {why} got {response.StatusCode}");
        }

        using (var http = server.Http())
        {
            using var anonymous = await http.SendAsync(Initialize(), ct);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Contains("resource_metadata=", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

            var metadata = JsonDocument.Parse(await http.GetStringAsync(new Uri("/.well-known/oauth-protected-resource", UriKind.Relative), ct)).RootElement;
            Assert.EndsWith("/mcp", metadata.Str("resource"), StringComparison.Ordinal);
            Assert.Equal(["play", "admin"], metadata.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()));
        }

        using (var unscoped = server.Http(Mint("alice", "profile email")))
        {
            using var response = await unscoped.SendAsync(Initialize(), ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    private Dictionary<string, string?> JwtSettings()
    {
        var jwks = Path.Combine(_keys.Path, "jwks.json");
        var parameters = _signing.ExportParameters(includePrivateParameters: false);
        File.WriteAllText(jwks, JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "test-key", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } },
        }));
        return new()
        {
            ["MleDojo__Http__Jwt__Issuer"] = Issuer,
            ["MleDojo__Http__Jwt__Audience"] = Audience,
            ["MleDojo__Http__Jwt__JwksFile"] = jwks,
        };
    }

    private string Mint(string subject, string scope, DateTime? expires = null, string audience = Audience, string issuer = Issuer, RSA? key = null)
    {
        var notBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-20);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("scope", scope)]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? _signing) { KeyId = "test-key" }, SecurityAlgorithms.RsaSha256),
        });
    }

    // The payload changed after signing: a subject of the attacker's choice.
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("alice", "admin", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }

    private static HttpRequestMessage Initialize() => new(HttpMethod.Post, "/mcp")
    {
        Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"jwt","version":"1"}}}""", Encoding.UTF8, "application/json"),
        Headers = { { "Accept", "application/json, text/event-stream" } },
    };
}
