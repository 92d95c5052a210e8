using System.Text.Json.Nodes;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Query;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Queries;

/// <summary>
/// The store may answer q terms from a value index, but that must never change the answer: every query over HTTP returns
/// exactly the entities that <see cref="QueryEvaluator"/> accepts, for awkward values too (language-map lists, characters
/// beyond the BMP, JSON-LD value objects, numeric strings, multi-instances).
/// </summary>
public sealed class ValueIndexConsistencyTests(ValueIndexConsistencyTests.AwkwardValuesFixture fixture) : IClassFixture<ValueIndexConsistencyTests.AwkwardValuesFixture>
{
    public sealed class AwkwardValuesFixture : BrokerFixture
    {
        public static readonly string[] Bodies =
        [
            """{"id":"urn:ngsi-ld:V:e1","type":"V","label":{"type":"LanguageProperty","languageMap":{"en":["bike","bicycle"],"de":"Fahrrad"}},"name":"\uFF21","n":5,"s":"5"}""",
            """{"id":"urn:ngsi-ld:V:e2","type":"V","name":"\uD83D\uDE00","n":5.0,"s":"five","flag":true,"rel":{"type":"Relationship","object":["urn:a:1","urn:a:2"]}}""",
            """{"id":"urn:ngsi-ld:V:e3","type":"V","name":"abc","n":-1,"category":{"type":"VocabProperty","vocab":"Active"},"list":{"type":"ListProperty","valueList":[1,"x"]},"wrapped":{"type":"Property","value":{"@value":"lit","@language":"en"}}}""",
            """{"id":"urn:ngsi-ld:V:e4","type":"V","n":[{"type":"Property","value":3},{"type":"Property","value":30,"datasetId":"urn:ngsi-ld:Dataset:b"}],"name":{"type":"Property","value":["x","y"]}}""",
            """{"id":"urn:ngsi-ld:V:e5","type":"V"}""",
        ];

        protected override Task SeedAsync(NgsiClient client) => client.SeedAsync(Bodies.Select(TestData.Parse));
    }

    [Theory]
    [InlineData("label==\"bicycle\"")]
    [InlineData("label==\"Fahrrad\"")]
    [InlineData("label~=\"^bi\"")]
    [InlineData("name>\"\uD83D\uDE00\"")]
    [InlineData("name<\"\uD83D\uDE00\"")]
    [InlineData("name>\"abc\"")]
    [InlineData("name==\"y\"")]
    [InlineData("n==5")]
    [InlineData("n>4")]
    [InlineData("n>=30")]
    [InlineData("n==1..5")]
    [InlineData("n==3,30")]
    [InlineData("n<0")]
    [InlineData("s==\"5\"")]
    [InlineData("s==5")]
    [InlineData("flag==true")]
    [InlineData("rel==\"urn:a:2\"")]
    [InlineData("category==\"Active\"")]
    [InlineData("list==\"x\"")]
    [InlineData("list==1")]
    [InlineData("wrapped==\"lit\"")]
    [InlineData("name")]
    [InlineData("missing")]
    [InlineData("n>4|name==\"abc\"")]
    [InlineData("n>4;s==\"5\"")]
    [InlineData("(n==5|n==-1);name==\"abc\"")]
    [InlineData("n!=5")]
    public async Task Query_answers_exactly_what_the_evaluator_accepts(string q)
    {
        var expression = QueryParser.Parse(q, JsonLdContext.Core);
        var expected = AwkwardValuesFixture.Bodies
            .Select(b => EntityReader.ReadEntity(TestData.Parse(b), JsonLdContext.Core))
            .Where(e => QueryEvaluator.Matches(expression, e, JsonLdContext.Core))
            .Select(e => e["id"]!.GetValue<string>())
            .Order();

        var actual = await fixture.Client.QueryIdsAsync(("type", "V"), ("q", q));

        Assert.Equal(expected, actual.Order());
    }
}
