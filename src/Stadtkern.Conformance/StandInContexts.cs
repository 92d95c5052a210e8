namespace Stadtkern.Conformance;

/// <summary>Small @context documents that stand in for third-party contexts the suite's data names but that an offline run cannot fetch.</summary>
/// <remarks>
/// The cases that use these only need the broker to be able to fetch and cache them (their <c>kind</c> becomes
/// <c>Cached</c>); none depends on their terms. The easy-global-market compound is the exception: the suite uses it
/// as a second name for its own compound context, so its stand-in maps the same terms (the published file lists
/// <c>ngsildTestSuite.jsonld</c>, with the same eleven terms as the suite's file, plus core context v1.8).
/// </remarks>
public static class StandInContexts
{
    /// <summary>A remote @context URL and the document served in its place.</summary>
    public sealed record StandIn(string RemoteUrl, string Document)
    {
        /// <summary>The path below the context server's root: <c>stand-in/</c>, then the URL without its scheme.</summary>
        public string LocalPath => "stand-in/" + RemoteUrl[(RemoteUrl.IndexOf("://", StringComparison.Ordinal) + 3)..];
    }

    public const string SmartDataModels = "http://smartdatamodels.org/context.jsonld";
    public const string FiwareDataModels = "https://fiware.github.io/data-models/context.jsonld";
    public const string FiwareTestContext = "https://fiware.github.io/NGSI-LD_TestSuite/ldContext/testContext.jsonld";
    public const string EasyGlobalMarketCompound =
        "https://easy-global-market.github.io/ngsild-api-data-models/ngsildTestSuite/ngsildTestSuiteV1.8-compound.jsonld";

    /// <summary>Every stand-in.</summary>
    public static IReadOnlyList<StandIn> All { get; } =
    [
        new(SmartDataModels, Terms("smartDataModelsStandIn")),
        new(FiwareDataModels, Terms("fiwareDataModelsStandIn")),
        new(FiwareTestContext, Terms("fiwareTestContextStandIn")),
        new(EasyGlobalMarketCompound, $$"""{ "@context": ["{{SuiteContexts.Plain}}", "{{SuiteContexts.CoreV18}}"] }"""),
    ];

    // One made-up term per stand-in, so that each is a valid, distinct, non-empty context.
    private static string Terms(string term) =>
        $$"""{ "@context": { "{{term}}": "https://stadtkern.invalid/stand-in#{{term}}" } }""";
}
