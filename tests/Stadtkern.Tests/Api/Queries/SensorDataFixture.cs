using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.Queries;

/// <summary>A broker holding a small, fixed set of sensors and actuators that the query tests only read.</summary>
public sealed class SensorDataFixture : BrokerFixture
{
    public static string Id(string name) => $"urn:ngsi-ld:Device:{name}";

    protected override async Task SeedAsync(NgsiClient client)
    {
        string[] entities =
        [
            """
            {"id":"urn:ngsi-ld:Device:s1","type":"Sensor","temperature":{"type":"Property","value":10,"observedAt":"2026-01-01T00:00:00Z"},
             "name":"alpha","status":"ok","tags":["a","b"],"address":{"type":"Property","value":{"city":"Darmstadt","zip":"64283"}},
             "controlledBy":{"type":"Relationship","object":"urn:ngsi-ld:Controller:1"},
             "speed":{"type":"Property","value":3,"accuracy":{"type":"Property","value":0.5}},"installed":"2025-05-01T08:00:00Z","active":true}
            """,
            """
            {"id":"urn:ngsi-ld:Device:s2","type":"Sensor","temperature":{"type":"Property","value":20,"observedAt":"2026-02-01T00:00:00Z"},
             "name":"beta","status":"broken","tags":["b","c"],"address":{"type":"Property","value":{"city":"Berlin","zip":"10115"}},
             "controlledBy":{"type":"Relationship","object":"urn:ngsi-ld:Controller:2"},"installed":"2026-03-01T08:00:00Z","active":false}
            """,
            """
            {"id":"urn:ngsi-ld:Device:s3","type":"Sensor","temperature":30,"name":"gamma","status":"ok",
             "address":{"type":"Property","value":{"city":"Darmstadt","zip":"64289"}},"installed":"2026-06-01T12:00:00Z"}
            """,
            """
            {"id":"urn:ngsi-ld:Device:s4","type":"Sensor","temperature":25.5,"name":"Alphabet","status":"ok"}
            """,
            """
            {"id":"urn:ngsi-ld:Device:a5","type":"Actuator","power":"on"}
            """,
            """
            {"id":"urn:ngsi-ld:Device:x6","type":["Sensor","Actuator"],"temperature":15,"power":"off","name":"delta"}
            """,
        ];
        await client.SeedAsync(entities.Select(TestData.Parse));
    }
}
