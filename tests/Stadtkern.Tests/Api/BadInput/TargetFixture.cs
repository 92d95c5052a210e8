using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.BadInput;

/// <summary>A broker holding one entity that bad requests aim at, so that any change they cause would show in the store snapshot.</summary>
public sealed class TargetFixture : BrokerFixture
{
    public const string TargetId = "urn:ngsi-ld:Thing:target";

    /// <summary>Every write endpoint that reads a body: method and path.</summary>
    public static TheoryData<string, string> WriteEndpoints() => new()
    {
        { "POST", "ngsi-ld/v1/entities" },
        { "PUT", NgsiClient.EntityPath(TargetId) },
        { "PATCH", NgsiClient.EntityPath(TargetId) },
        { "POST", NgsiClient.EntityPath(TargetId) + "/attrs" },
        { "PATCH", NgsiClient.EntityPath(TargetId) + "/attrs" },
        { "PATCH", NgsiClient.AttributePath(TargetId, "temperature") },
        { "PUT", NgsiClient.AttributePath(TargetId, "temperature") },
        { "POST", "ngsi-ld/v1/entityOperations/create" },
        { "POST", "ngsi-ld/v1/entityOperations/upsert" },
        { "POST", "ngsi-ld/v1/entityOperations/update" },
        { "POST", "ngsi-ld/v1/entityOperations/merge" },
        { "POST", "ngsi-ld/v1/entityOperations/delete" },
        { "POST", "ngsi-ld/v1/entityOperations/query" },
        { "POST", "ngsi-ld/v1/jsonldContexts" },
    };

    protected override Task SeedAsync(NgsiClient client) => client.CreateOkAsync(TestData.Parse($$"""
        {"id":"{{TargetId}}","type":"Thing","temperature":{"type":"Property","value":20,"unitCode":"CEL"},
         "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[8.65,49.87]} } }
        """));
}
