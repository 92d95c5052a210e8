using System.Text.Json.Nodes;
using MQTTnet;
using Stadtkern.Ingest.Mapping;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Ingest;

/// <summary>Devices that publish their own JSON: mapping rules turn it into entities and history; the rules are managed over the API and given in configuration.</summary>
public sealed class MqttMappingTests(MqttMappingTests.WithRules fixture) : IClassFixture<MqttMappingTests.WithRules>, IAsyncLifetime
{
    public const string ConfiguredTopic = "configured/parking/{spot}";

    /// <summary>The MQTT broker on, and one rule given in configuration.</summary>
    public sealed class WithRules : BrokerFixture
    {
        public int MqttPort { get; } = FreePort.Next();

        protected override void Configure(StadtkernOptions options)
        {
            options.MqttPort = MqttPort;
            options.MqttMappings.Add(new MappingRuleDocument
            {
                Id = "configured-parking",
                Topic = ConfiguredTopic,
                EntityId = "urn:ngsi-ld:ParkingSpot:{spot}",
                EntityType = "ParkingSpot",
                Attributes = [new AttributeMappingDocument { Field = "occupied", Attribute = "status", Type = "lookup", Map = new() { ["1"] = "occupied", ["0"] = "free" } }],
            });
        }
    }

    private const string Mappings = "stadtkern/v1/ingest/mappings";
    private readonly NgsiClient _client = fixture.Client;
    private readonly string _prefix = "city" + Guid.NewGuid().ToString("N")[..8];
    private IMqttClient _mqtt = null!;

    public async Task InitializeAsync() => _mqtt = await MqttDevice.ConnectAsync(fixture.MqttPort);

    public async Task DisposeAsync() => await MqttDevice.DisconnectAsync(_mqtt);

    private Task PublishAsync(string topic, string payload) => MqttDevice.PublishAsync(_mqtt, topic, payload);

    private JsonObject AirQualityRule(string id, string tenant) => TestData.Parse($$"""
        {
          "id": "{{id}}",
          "topic": "{{_prefix}}/air/{station}/state",
          "tenant": "{{tenant}}",
          "entityId": "urn:ngsi-ld:AirQualityObserved:{station}",
          "entityType": "AirQualityObserved",
          "observedAt": { "field": "ts", "format": "unixSeconds" },
          "location": { "latitude": "gps.lat", "longitude": "gps.lon" },
          "attributes": [
            { "field": "data.pm10", "attribute": "pm10", "type": "number", "unitCode": "GQ" },
            { "field": "data.t_raw", "attribute": "temperature", "type": "number", "scale": 0.1, "offset": -40, "unitCode": "CEL" },
            { "field": "data.rh_permille", "attribute": "relativeHumidity", "type": "number", "scale": 0.1, "unitCode": "P1" },
            { "field": "flags[0]", "attribute": "calibrated", "type": "boolean" },
            { "field": "lastService", "attribute": "dateLastService", "type": "dateTime", "format": "unixMilliseconds" },
            { "field": "station", "attribute": "name", "type": "string", "optional": true }
          ]
        }
        """);

    private async Task<string> CreateAsync(JsonObject rule)
    {
        var created = (await _client.PostAsync(Mappings, rule)).ShouldHaveStatus(201);
        return created.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task A_mapped_payload_creates_the_entity_with_converted_values_units_observedAt_and_location_and_the_next_one_updates_it()
    {
        var tenant = TestData.NewTenant();
        var location = await CreateAsync(AirQualityRule("air-" + _prefix, tenant));
        Assert.Equal($"/{Mappings}/air-{_prefix}", location);

        await PublishAsync($"{_prefix}/air/DE-HE-042/state",
            """{"ts":1767225600,"gps":{"lat":49.87,"lon":8.65},"data":{"pm10":17,"t_raw":615,"rh_permille":"523","noise":3},"flags":[1],"lastService":1767139200000}""");
        await PublishAsync($"{_prefix}/air/DE-HE-042/state",
            """{"ts":1767229200,"gps":{"lat":49.87,"lon":8.65},"data":{"pm10":21.5,"t_raw":600,"rh_permille":510},"flags":["off"],"lastService":1767139200000}""");

        var client = _client.ForTenant(tenant);
        var entity = await client.RetrieveOkAsync("urn:ngsi-ld:AirQualityObserved:DE-HE-042");
        Assert.Equal("AirQualityObserved", entity["type"]!.GetValue<string>());
        Assert.Equal(21.5, entity["pm10"]!["value"]!.GetValue<double>());
        Assert.Equal("GQ", entity["pm10"]!["unitCode"]!.GetValue<string>());
        Assert.Equal("2026-01-01T01:00:00Z", Model.Validation.NormalizeDateTime(entity["pm10"]!["observedAt"]!.GetValue<string>()));
        Assert.Equal(20.0, entity["temperature"]!["value"]!.GetValue<double>());
        Assert.Equal("CEL", entity["temperature"]!["unitCode"]!.GetValue<string>());
        Assert.Equal(51.0, entity["relativeHumidity"]!["value"]!.GetValue<double>());
        Assert.False(entity["calibrated"]!["value"]!.GetValue<bool>());
        Assert.Equal("2025-12-31T00:00:00Z", Model.Validation.NormalizeDateTime(entity["dateLastService"]!["value"]!["@value"]!.GetValue<string>()));
        Assert.Equal(8.65, entity["location"]!["value"]!["coordinates"]![0]!.GetValue<double>());
        Assert.Null(entity["noise"]);
        Assert.Null(entity["name"]);
        var history = (await client.GetAsync("ngsi-ld/v1/temporal/entities/urn:ngsi-ld:AirQualityObserved:DE-HE-042?options=temporalValues&attrs=pm10,temperature")).ShouldHaveStatus(200).Object;
        var pm10 = history["pm10"]!["values"]!.AsArray().Select(v => v![0]!.GetValue<double>()).ToList();
        Assert.Equal([17.0, 21.5], pm10.Order());
        Assert.Equal([20.0, 21.5], history["temperature"]!["values"]!.AsArray().Select(v => v![0]!.GetValue<double>()).Order());
    }

    [Fact]
    public async Task Named_segments_and_wildcards_capture_and_match_and_an_array_is_a_batch_of_readings()
    {
        await CreateAsync(TestData.Parse($$"""
            {"id":"gateway-{{_prefix}}","topic":"{{_prefix}}/+/gw/{gateway}/#","entityId":"urn:ngsi-ld:Meter:{gateway}-{meter.id}","entityType":"Meter",
             "observedAt":{"field":"at"},"attributes":[{"field":"meter.kwh","attribute":"energy","unitCode":"KWH"}]}
            """));

        await PublishAsync($"{_prefix}/north/gw/7/deep/er/down",
            """[{"at":"2026-01-01T00:00:00Z","meter":{"id":"a","kwh":1.5}},{"at":"2026-01-01T00:00:00Z","meter":{"id":"b","kwh":2}}]""");

        Assert.Equal(1.5, TestData.ValueOf(await _client.RetrieveOkAsync("urn:ngsi-ld:Meter:7-a"), "energy")!.GetValue<double>());
        Assert.Equal(2, TestData.ValueOf(await _client.RetrieveOkAsync("urn:ngsi-ld:Meter:7-b"), "energy")!.GetValue<double>());
    }

    [Fact]
    public async Task The_most_specific_pattern_takes_a_topic_that_several_rules_match()
    {
        JsonObject Rule(string id, string topic, string type) => TestData.Parse($$"""
            {"id":"{{id}}","topic":"{{topic}}","entityId":"urn:ngsi-ld:{{type}}:{{_prefix}}","entityType":"{{type}}","attributes":[{"field":"v","attribute":"v"}]}
            """);
        await CreateAsync(Rule("a-" + _prefix, $"{_prefix}/#", "Broad"));
        await CreateAsync(Rule("b-" + _prefix, $"{_prefix}/+/level", "Named"));
        await CreateAsync(Rule("c-" + _prefix, $"{_prefix}/exact/level", "Exact"));

        await PublishAsync($"{_prefix}/exact/level", """{"v":1}""");
        await PublishAsync($"{_prefix}/other/level", """{"v":2}""");
        await PublishAsync($"{_prefix}/other/deeper/level", """{"v":3}""");

        Assert.Equal(1, TestData.ValueOf(await _client.RetrieveOkAsync($"urn:ngsi-ld:Exact:{_prefix}"), "v")!.GetValue<double>());
        Assert.Equal(2, TestData.ValueOf(await _client.RetrieveOkAsync($"urn:ngsi-ld:Named:{_prefix}"), "v")!.GetValue<double>());
        Assert.Equal(3, TestData.ValueOf(await _client.RetrieveOkAsync($"urn:ngsi-ld:Broad:{_prefix}"), "v")!.GetValue<double>());
        var order = (await _client.GetAsync(Mappings)).ShouldHaveStatus(200).Array.Select(r => r!["id"]!.GetValue<string>()).Where(id => id.EndsWith(_prefix, StringComparison.Ordinal));
        Assert.Equal(["c-" + _prefix, "b-" + _prefix, "a-" + _prefix], order);
    }

    [Fact]
    public async Task A_topic_no_rule_takes_and_a_payload_its_rule_cannot_read_are_dead_letters_listed_with_the_reason()
    {
        var tenant = TestData.NewTenant();
        await CreateAsync(AirQualityRule("strict-" + _prefix, tenant));

        await PublishAsync($"{_prefix}/air/S1/state", """{"ts":1767225600,"gps":{"lat":49.87,"lon":8.65},"data":{"t_raw":615,"rh_permille":1},"flags":[1],"lastService":0}""");
        await PublishAsync($"{_prefix}/air/S1/state", """{"ts":"yesterday"}""");
        await PublishAsync($"{_prefix}/unmapped", """{"v":1}""");

        (await _client.ForTenant(tenant).RetrieveAsync("urn:ngsi-ld:AirQualityObserved:S1")).ShouldBeProblem(404, "ResourceNotFound");
        var letters = (await _client.ForTenant(tenant).GetAsync("stadtkern/v1/ingest/dead-letters?source=mqtt")).ShouldHaveStatus(200).Array;
        Assert.Equal(["field 'ts' holds \"yesterday\", not whole unix seconds.", "field 'data.pm10' is missing."],
            letters.Select(l => l!["reason"]!.GetValue<string>().Split("BadRequestData: ")[1]));
        Assert.All(letters, l => Assert.StartsWith($"mapping rule strict-{_prefix}: ", l!["reason"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal("""{"ts":"yesterday"}""", letters[0]!["payload"]!.GetValue<string>());
        var unmapped = (await _client.GetAsync("stadtkern/v1/ingest/dead-letters?limit=1000")).ShouldHaveStatus(200).Array
            .Single(l => l!["channel"]!.GetValue<string>() == $"{_prefix}/unmapped");
        Assert.Contains("no mapping rule matches it", unmapped!["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        using var output = new StringWriter();
        var exitCode = await Host.Cli.Build().Parse(["lake", "dead-letters", "--data", fixture.Broker.DataDirectory, "--tenant", tenant])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = output });
        Assert.Equal(0, exitCode);
        Assert.Contains($"mqtt {_prefix}/air/S1/state", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("field 'data.pm10' is missing.", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"topic":"t/{s}","entityId":"urn:x:{s}","entityType":"T","attributes":[{"field":"v","attribute":"v"}]}""", "id")]
    [InlineData("""{"id":"r1","topic":"t/#/x","entityId":"urn:x:1","entityType":"T","attributes":[{"field":"v","attribute":"v"}]}""", "'#' may only be the last level")]
    [InlineData("""{"id":"r1","topic":"ngsi-ld/+/x","entityId":"urn:x:1","entityType":"T","attributes":[{"field":"v","attribute":"v"}]}""", "ngsi-ld/")]
    [InlineData("""{"id":"r1","topic":"t/x","entityId":"urn:x:{a","entityType":"T","attributes":[{"field":"v","attribute":"v"}]}""", "unbalanced braces")]
    [InlineData("""{"id":"r1","topic":"t/x","entityId":"not a uri","entityType":"T","attributes":[{"field":"v","attribute":"v"}]}""", "does not make a URI")]
    [InlineData("""{"id":"r1","topic":"t/x","entityId":"urn:x:1","entityType":"T","attributes":[]}""", "at least one attribute")]
    [InlineData("""{"id":"r1","topic":"t/x","entityId":"urn:x:1","entityType":"T","attributes":[{"field":"v","attribute":"v","type":"colour"}]}""", "type 'colour'")]
    [InlineData("""{"id":"r1","topic":"t/x","entityId":"urn:x:1","entityType":"T","attributes":[{"field":"v","attribute":"v","scale":2}]}""", "scale and offset")]
    [InlineData("""{"id":"r1","topic":"t/x","entityId":"urn:x:1","entityType":"T","attributes":[{"field":"v","attribute":"v","type":"lookup"}]}""", "needs a map")]
    [InlineData("""{"id":"r1","topic":"t/x","entityId":"urn:x:1","entityType":"T","attributes":[{"field":"v","attribute":"v"},{"field":"w","attribute":"v"}]}""", "mapped twice")]
    [InlineData("""{"id":"r1","topic":"t/x","entityId":"urn:x:1","entityType":"T","observedAt":{"field":"t","format":"fortnights"},"attributes":[{"field":"v","attribute":"v"}]}""", "fortnights")]
    [InlineData("""{"id":"r1","topic":"t/x","entityId":"urn:x:1","entityType":"T","colour":"red","attributes":[{"field":"v","attribute":"v"}]}""", "colour")]
    [InlineData("""{"id":"r1","topic":"t/x","entityId":"urn:x:1","entityType":"T","attributes":[{"field":"v","attribute":"v","scale":"much"}]}""", "scale")]
    public async Task A_bad_rule_is_BadRequestData_and_nothing_is_stored(string rule, string detail)
    {
        var reply = (await _client.PostAsync(Mappings, TestData.Parse(rule))).ShouldBeProblem(400, "BadRequestData");

        Assert.Contains(detail, reply.Object["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        (await _client.GetAsync($"{Mappings}/r1")).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Malformed_JSON_is_InvalidRequest()
    {
        (await _client.SendAsync(HttpMethod.Post, Mappings, "{nope", "application/json")).ShouldBeProblem(400, "InvalidRequest");
    }

    [Fact]
    public async Task A_rule_is_retrieved_replaced_in_force_at_once_and_deleted_and_a_duplicate_is_AlreadyExists()
    {
        var id = "crud-" + _prefix;
        var rule = TestData.Parse($$"""{"id":"{{id}}","topic":"{{_prefix}}/c/{n}","entityId":"urn:ngsi-ld:C:{n}","entityType":"C","attributes":[{"field":"v","attribute":"v"}]}""");
        var location = await CreateAsync(rule);
        (await _client.PostAsync(Mappings, rule)).ShouldBeProblem(409, "AlreadyExists");

        var stored = (await _client.GetAsync(location.TrimStart('/'))).ShouldHaveStatus(200).Object;
        Assert.Equal("api", stored["origin"]!.GetValue<string>());
        rule["attributes"]![0]!["attribute"] = "w";
        rule["attributes"]![0]!["type"] = "number";
        rule["attributes"]![0]!["scale"] = 10;
        (await _client.PutAsync(location.TrimStart('/'), rule)).ShouldHaveStatus(204);
        await PublishAsync($"{_prefix}/c/1", """{"v":"2"}""");
        Assert.Equal(20, TestData.ValueOf(await _client.RetrieveOkAsync("urn:ngsi-ld:C:1"), "w")!.GetValue<double>());

        rule["entityType"] = "not a name";
        (await _client.PutAsync(location.TrimStart('/'), rule)).ShouldBeProblem(400, "BadRequestData");
        Assert.Equal("w", (await _client.GetAsync(location.TrimStart('/'))).ShouldHaveStatus(200).Object["attributes"]![0]!["attribute"]!.GetValue<string>());
        (await _client.DeleteAsync(location.TrimStart('/'))).ShouldHaveStatus(204);
        (await _client.GetAsync(location.TrimStart('/'))).ShouldBeProblem(404, "ResourceNotFound");
        (await _client.PutAsync(location.TrimStart('/'), rule)).ShouldBeProblem(404, "ResourceNotFound");
        (await _client.DeleteAsync(location.TrimStart('/'))).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Fact]
    public async Task A_configured_rule_is_listed_in_force_and_read_only()
    {
        var configured = (await _client.GetAsync($"{Mappings}/configured-parking")).ShouldHaveStatus(200).Object;
        Assert.Equal("config", configured["origin"]!.GetValue<string>());
        Assert.True(configured["readOnly"]!.GetValue<bool>());

        (await _client.PutAsync($"{Mappings}/configured-parking", configured)).ShouldBeProblem(422, "OperationNotSupported");
        var deleted = (await _client.DeleteAsync($"{Mappings}/configured-parking")).ShouldBeProblem(422, "OperationNotSupported");
        Assert.Contains("MqttMappings", deleted.Object["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        (await _client.PostAsync(Mappings, configured)).ShouldBeProblem(409, "AlreadyExists");

        var spot = Guid.NewGuid().ToString("N");
        await PublishAsync(ConfiguredTopic.Replace("{spot}", spot, StringComparison.Ordinal), """{"occupied":1}""");
        Assert.Equal("occupied", TestData.ValueOf(await _client.RetrieveOkAsync($"urn:ngsi-ld:ParkingSpot:{spot}"), "status")!.GetValue<string>());
    }
}
