using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Subscriptions.SubscriptionKit;

namespace Stadtkern.Tests.Subscriptions;

/// <summary>Subscriptions that break the data types of clause 5.2.12 are refused with 400 BadRequestData, and nothing is stored.</summary>
public sealed class SubscriptionValidationTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const string Endpoint = "http://127.0.0.1:9/notify";

    public static TheoryData<string, string> Invalid => new()
    {
        { "no type", """{"type":null}""" },
        { "wrong type", """{"type":"Entity"}""" },
        { "id not a URI", """{"id":"not a uri"}""" },
        { "no entities and no watchedAttributes", """{"entities":null}""" },
        { "empty entities", """{"entities":[]}""" },
        { "entity selector without type", """{"entities":[{"id":"urn:ngsi-ld:X:1"}]}""" },
        { "entity selector id not a URI", """{"entities":[{"type":"T","id":"x y"}]}""" },
        { "bad idPattern", """{"entities":[{"type":"T","idPattern":"(["}]}""" },
        { "unknown selector member", """{"entities":[{"type":"T","colour":"red"}]}""" },
        { "empty watchedAttributes", """{"watchedAttributes":[]}""" },
        { "unknown trigger", """{"notificationTrigger":["entityTouched"]}""" },
        { "bad q", """{"q":"temperature>>"}""" },
        { "bad scopeQ", """{"scopeQ":"nope"}""" },
        { "bad geoQ", """{"geoQ":{"georel":"near","geometry":"Point","coordinates":[8.6,49.8]}}""" },
        { "negative throttling", """{"throttling":-5}""" },
        { "zero timeInterval", """{"timeInterval":0}""" },
        { "timeInterval with throttling", """{"timeInterval":10,"throttling":5}""" },
        { "timeInterval with watchedAttributes", """{"timeInterval":10,"watchedAttributes":["a"]}""" },
        { "isActive not a boolean", """{"isActive":"yes"}""" },
        { "expiresAt not a date", """{"expiresAt":"tomorrow"}""" },
        { "expiresAt in the past", """{"expiresAt":"2001-01-01T00:00:00Z"}""" },
        { "jsonldContext not a URL", """{"jsonldContext":"unknownContext"}""" },
        { "unknown member", """{"colour":"red"}""" },
        { "no notification", """{"notification":null}""" },
        { "no endpoint", """{"notification":{"endpoint":null}}""" },
        { "endpoint uri not a URI", """{"notification":{"endpoint":{"uri":"not a uri"}}}""" },
        { "MQTT endpoint without topic", """{"notification":{"endpoint":{"uri":"mqtt://127.0.0.1:1883"}}}""" },
        { "MQTT topic with a wildcard", """{"notification":{"endpoint":{"uri":"mqtt://127.0.0.1:1883/city/+/parking"}}}""" },
        { "MQTT endpoint with a query", """{"notification":{"endpoint":{"uri":"mqtt://127.0.0.1:1883/topic?qos=1"}}}""" },
        { "unknown MQTT-Version", """{"notification":{"endpoint":{"uri":"mqtt://127.0.0.1:1883/t","notifierInfo":[{"key":"MQTT-Version","value":"mqtt3"}]}}}""" },
        { "MQTT-QoS out of range", """{"notification":{"endpoint":{"uri":"mqtt://127.0.0.1:1883/t","notifierInfo":[{"key":"MQTT-QoS","value":"3"}]}}}""" },
        { "endpoint with another scheme", """{"notification":{"endpoint":{"uri":"ftp://127.0.0.1/t"}}}""" },
        { "unsupported accept", """{"notification":{"endpoint":{"uri":"http://127.0.0.1:9/n","accept":"text/xml"}}}""" },
        { "bad receiverInfo", """{"notification":{"endpoint":{"uri":"http://127.0.0.1:9/n","receiverInfo":[{"key":"Bad Header","value":"x"}]}}}""" },
        { "unknown format", """{"notification":{"format":"pretty"}}""" },
        { "attributes with pick", """{"notification":{"attributes":["a"],"pick":["id"]}}""" },
        { "same member in pick and omit", """{"notification":{"pick":["id"],"omit":["id"]}}""" },
        { "join of another kind", """{"notification":{"join":"nested"}}""" },
        { "joinLevel zero", """{"notification":{"join":"flat","joinLevel":0}}""" },
        { "showChanges not a boolean", """{"notification":{"showChanges":1}}""" },
        { "showChanges with keyValues", """{"notification":{"format":"keyValues","showChanges":true}}""" },
        { "showChanges with simplified", """{"notification":{"format":"simplified","showChanges":true}}""" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Is_refused_with_BadRequestData(string what, string members)
    {
        var subscription = Subscription(NewId(), TestData.NewType(), Endpoint, members);
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await fixture.Client.PostAsync(SubscriptionsPath, subscription);

        Assert.True(reply.Status == 400, $"{what}: {reply}");
        reply.ShouldBeProblem(400, "BadRequestData");
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
        if (subscription["id"]?.GetValue<string>() is { } id && Stadtkern.Model.Validation.IsUri(id))
            (await fixture.Client.GetAsync(PathOf(id))).ShouldHaveStatus(404);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_InvalidRequest_and_XML_is_415()
    {
        (await fixture.Client.SendAsync(HttpMethod.Post, SubscriptionsPath, "{not json", NgsiClient.Json)).ShouldBeProblem(400, "InvalidRequest");
        (await fixture.Client.SendAsync(HttpMethod.Post, SubscriptionsPath, "{}", "application/xml")).ShouldHaveStatus(415);
    }

    [Fact]
    public async Task An_unreachable_context_is_503_LdContextNotAvailable()
    {
        var subscription = Subscription(NewId(), TestData.NewType(), Endpoint);
        subscription["@context"] = "http://127.0.0.1:9/no-such-context.jsonld";

        (await fixture.Client.PostAsync(SubscriptionsPath, subscription, NgsiClient.LdJson)).ShouldBeProblem(503, "LdContextNotAvailable");
    }
}
