using MleDojo.Core.Sessions;

namespace MleDojo.Core.Tests.Sessions;

public sealed class SessionLabelsTests
{
    [Fact]
    public void Checked_UsableLabels_KeepsThemTrimmedAndEmptyOnesAsNull()
    {
        var labels = new SessionLabels { Agent = "  gpt-4.1 ", Experiment = "", Seed = 0, ClientName = "claude-code", ClientVersion = " 2.0 " }.Checked();

        Assert.Equal(new SessionLabels { Agent = "gpt-4.1", Experiment = null, Seed = 0, ClientName = "claude-code", ClientVersion = "2.0" }, labels);
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("experiment")]
    public void Checked_ALabelTooLong_IsRefusedNamingIt(string field)
    {
        var tooLong = new string('a', SessionLabels.MaxLength + 1);
        var labels = field == "agent" ? new SessionLabels { Agent = tooLong } : new SessionLabels { Experiment = tooLong };

        var error = Assert.Throws<SessionException>(labels.Checked);

        Assert.Equal(SessionErrorCode.InvalidArgument, error.Reason);
        Assert.StartsWith($"{field} must be one line of at most 200 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checked_ALabelOnSeveralLines_IsRefused()
    {
        var error = Assert.Throws<SessionException>(() => new SessionLabels { Agent = "gpt\nrm -rf" }.Checked());

        Assert.Contains("control characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checked_ANegativeSeed_IsRefused()
    {
        var error = Assert.Throws<SessionException>(() => new SessionLabels { Seed = -1 }.Checked());

        Assert.Equal(SessionErrorCode.InvalidArgument, error.Reason);
        Assert.Contains("seed -1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checked_AClientThatNamesItselfBadly_IsKeptCleanAndShort()
    {
        var labels = new SessionLabels { ClientName = "evil\u0007client\r\n" + new string('x', 300), ClientVersion = "\t" }.Checked();

        Assert.Equal(SessionLabels.MaxLength, labels.ClientName!.Length);
        Assert.StartsWith("evilclient", labels.ClientName, StringComparison.Ordinal);
        Assert.Null(labels.ClientVersion);
    }
}
