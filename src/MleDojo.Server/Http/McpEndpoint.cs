using ModelContextProtocol.AspNetCore;

namespace MleDojo.Server.Http;

/// <summary>
/// The Streamable HTTP endpoint's session mode: stateless, on purpose. An episode's state is ours and lives in the
/// store under its <c>session_id</c>, not in an MCP session: a stateless server keeps no per-connection state to lose
/// in a restart, needs no session affinity behind a load balancer, and is the only mode the 2026-07-28 protocol
/// revision has. What a stateful session would add is not needed: progress notifications travel on the POST's own
/// event stream, and the server never sends requests to the client (no sampling or elicitation). A dropped connection
/// leaves its run going (<c>SessionOptions.CancelledCallKillsRun</c> is off over HTTP); get_run picks it up.
/// </summary>
internal static class McpEndpoint
{
    /// <summary>Configures the transport.</summary>
    public static void Configure(HttpServerTransportOptions options) => options.SessionMode = HttpServerSessionMode.Stateless;
}
