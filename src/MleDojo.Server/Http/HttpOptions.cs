using System.ComponentModel.DataAnnotations;

namespace MleDojo.Server.Http;

/// <summary>
/// <c>mledojo serve --http</c> (<c>MleDojo:Http</c>): where it listens, how callers prove who they are, and what one
/// principal may hold at once.
/// </summary>
public sealed class HttpOptions
{
    /// <summary>Where Kestrel listens, <c>;</c>-separated. The default is loopback only.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Urls { get; set; } = "http://127.0.0.1:8765";

    /// <summary>
    /// <c>keys</c> (API keys from <c>mledojo keys create</c>, the default), <c>jwt</c> (OAuth 2.1 access tokens) or
    /// <c>none</c> (loopback only: every caller is the local operator).
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("(?i)keys|jwt|none", ErrorMessage = "Auth must be 'keys', 'jwt' or 'none'.")]
    public string Auth { get; set; } = "keys";

    /// <summary>
    /// Browser origins allowed besides the server's own (<c>https://ide.example.com</c>). A request carrying any other
    /// <c>Origin</c> is refused: that is the DNS-rebinding defence the MCP specification requires.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// The server's public address behind a reverse proxy (<c>https://dojo.example.com</c>): the resource identifier
    /// in the protected-resource metadata is this plus <c>/mcp</c>. By default, the address the request came to.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Seconds a stopping server lets runs in flight finish before it kills them (recorded as interrupted). The default is 30.</summary>
    [Range(0, 86_400)]
    public int ShutdownGraceSeconds { get; set; } = 30;

    /// <summary>Largest request body accepted, in bytes. The default is 8 MB, room for the largest script execute_code takes.</summary>
    [Range(1024, 1_073_741_824)]
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>What one principal may hold at once.</summary>
    [Required]
    public QuotaOptions Quotas { get; set; } = new();

    /// <summary>How access tokens are validated under <c>Auth = jwt</c>.</summary>
    [Required]
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>The authentication mode, parsed.</summary>
    public AuthMode Mode => Auth.ToUpperInvariant() switch
    {
        "JWT" => AuthMode.Jwt,
        "NONE" => AuthMode.None,
        _ => AuthMode.Keys,
    };
}

/// <summary>How <c>serve --http</c> authenticates callers.</summary>
public enum AuthMode
{
    /// <summary>API keys from <c>mledojo keys create</c>, sent as <c>Authorization: Bearer</c>.</summary>
    Keys,

    /// <summary>OAuth 2.1 access tokens (JWTs), validated against an authority or a JWKS.</summary>
    Jwt,

    /// <summary>No authentication: allowed on loopback only.</summary>
    None,
}
