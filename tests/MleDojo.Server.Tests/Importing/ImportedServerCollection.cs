namespace MleDojo.Server.Tests.Importing;

/// <summary>The tests that share one <see cref="ImportedServerFixture"/> server over the imported competitions.</summary>
[CollectionDefinition(Name)]
public sealed class ImportedServerCollection : ICollectionFixture<ImportedServerFixture>
{
    public const string Name = "imported-server";
}
