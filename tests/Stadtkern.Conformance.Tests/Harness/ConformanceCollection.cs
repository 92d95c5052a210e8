namespace Stadtkern.Conformance.Tests.Harness;

/// <summary>The collection that shares one broker; its cases run one after another, as the suite's do against one broker.</summary>
[CollectionDefinition(Name)]
public sealed class ConformanceCollection : ICollectionFixture<BrokerFixture>
{
    public const string Name = "Conformance";
}
