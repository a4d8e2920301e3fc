namespace MleDojo.Reports.Tests.Support;

/// <summary>One recorded store for every test class that reads it: playing the episodes is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class RecordedStoreCollection : ICollectionFixture<RecordedStore>
{
    public const string Name = "recorded store";
}
