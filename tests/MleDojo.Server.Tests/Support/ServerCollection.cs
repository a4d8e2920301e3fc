namespace MleDojo.Server.Tests.Support;

/// <summary>The tests that share one <see cref="ServerFixture"/> server process.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
