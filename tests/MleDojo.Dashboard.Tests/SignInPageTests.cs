using MleDojo.Server.Dashboard;

namespace MleDojo.Dashboard.Tests;

public sealed class SignInPageTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/sessions/abc", "/sessions/abc")]
    [InlineData("/leaderboard?x=1", "/leaderboard?x=1")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    public void SafeReturn_OnlyPathsOnThisServer(string? returnUrl, string expected) => Assert.Equal(expected, SignInPage.SafeReturn(returnUrl));
}
