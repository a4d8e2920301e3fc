using System.Security.Claims;

namespace MleDojo.Server.Dashboard;

/// <summary>A principal signed in to the dashboard, and until when.</summary>
/// <param name="Principal">Its name and scopes.</param>
/// <param name="ExpiresAt">When the cookie stops working.</param>
internal sealed record SignedIn(ClaimsPrincipal Principal, DateTimeOffset ExpiresAt);
