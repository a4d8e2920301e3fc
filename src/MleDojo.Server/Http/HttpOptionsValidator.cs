using MleDojo.Server.Auth;
using Microsoft.Extensions.Options;

namespace MleDojo.Server.Http;

/// <summary>
/// What <c>serve --http</c> refuses to start with: listen addresses it cannot read, <c>--auth none</c> anywhere but on
/// loopback (anyone who can reach the port would be the operator), and a <c>--auth jwt</c> without what validation needs.
/// </summary>
internal sealed class HttpOptionsValidator : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        var problems = new List<string>();
        try
        {
            var addresses = ListenAddresses.Parse(options.Urls);
            if (options.Mode == AuthMode.None && !addresses.AllLoopback)
            {
                problems.Add($"MleDojo:Http:Auth: --auth none is allowed on loopback only, and {options.Urls} is reachable from other machines. Use --auth keys (mledojo keys create --name NAME) or --auth jwt, or listen on http://127.0.0.1:PORT.");
            }
        }
        catch (ArgumentException ex)
        {
            problems.Add($"MleDojo:Http:Urls: {ex.Message}");
        }

        if (options.Mode == AuthMode.Jwt)
        {
            problems.AddRange(JwtAuthentication.Problems(options.Jwt));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
