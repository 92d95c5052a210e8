using System.Text.Json.Nodes;
using MQTTnet;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Ingest;

/// <summary>Devices publish to the in-process MQTT broker: NGSI-LD fragments become attribute changes, acknowledged only once durable; the rest becomes dead letters, never lost.</summary>
public sealed class MqttIngestionTests(MqttIngestionTests.WithMqtt fixture) : IClassFixture<MqttIngestionTests.WithMqtt>, IAsyncLifetime
{
    public sealed class WithMqtt : BrokerFixture
    {
        public int MqttPort { get; } = FreePort.Next();

        protected override void Configure(StadtkernOptions options) => options.MqttPort = MqttPort;
    }

    private readonly NgsiClient _client = fixture.Client;
    private IMqttClient _mqtt = null!;

    public async Task InitializeAsync() => _mqtt = await MqttDevice.ConnectAsync(fixture.MqttPort);

    public async Task DisposeAsync() => await MqttDevice.DisconnectAsync(_mqtt);

    private Task<MqttClientPublishResult> PublishAsync(string topic, string payload) => MqttDevice.PublishAsync(_mqtt, topic, payload);

    [Fact]
    public async Task A_fragment_is_applied_and_in_the_history_by_the_time_the_PUBACK_arrives()
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 10));

        await PublishAsync($"ngsi-ld/default/entities/{id}/attrs",
            """{"temperature":{"type":"Property","value":21.5,"observedAt":"2026-01-01T00:00:00Z"}}""");

        Assert.Equal(21.5, TestData.ValueOf(await _client.RetrieveOkAsync(id), "temperature")!.GetValue<double>());
        var history = (await _client.GetAsync($"ngsi-ld/v1/temporal/entities/{Uri.EscapeDataString(id)}?options=temporalValues&timeproperty=modifiedAt")).Object;
        Assert.Equal(2, history["temperature"]!["values"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_fragment_with_a_type_creates_the_entity_in_the_tenant_the_topic_names()
    {
        var id = TestData.NewId("Sensor");
        var tenant = TestData.NewTenant();

        await PublishAsync($"ngsi-ld/{tenant}/entities/{id}/attrs", """{"type":"Sensor","level":{"type":"Property","value":3}}""");

        Assert.Equal(3, TestData.ValueOf(await _client.ForTenant(tenant).RetrieveOkAsync(id), "level")!.GetValue<double>());
        (await _client.RetrieveAsync(id)).ShouldBeProblem(404, "ResourceNotFound");
    }

    [Theory]
    [InlineData("ngsi-ld/default/entities/{id}/attrs", "not json at all", "InvalidRequest")]
    [InlineData("ngsi-ld/default/entities/{id}/attrs", """{"temperature":{"type":"Property"}}""", "BadRequestData")]
    [InlineData("ngsi-ld/default/entities/urn:ngsi-ld:Thing:unknown/attrs", """{"temperature":1}""", "ResourceNotFound")]
    [InlineData("city/sensors/{id}", """{"t":1}""", "no mapping rule")]
    public async Task What_cannot_be_applied_is_acknowledged_kept_in_the_lake_and_listed_as_a_dead_letter(string topic, string payload, string reason)
    {
        var id = TestData.NewId();
        await _client.CreateOkAsync(TestData.Entity(id, "Thing", 10));
        topic = topic.Replace("{id}", id, StringComparison.Ordinal);

        await PublishAsync(topic, payload);

        Assert.Equal(10, TestData.ValueOf(await _client.RetrieveOkAsync(id), "temperature")!.GetValue<double>());
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var raw = (await _client.GetAsync($"stadtkern/v1/lake/partitions/mqtt/{day}?limit=1000")).ShouldHaveStatus(200).Array;
        var kept = raw.Select(r => r!.AsObject()).Last(r => r["channel"]!.GetValue<string>() == topic);
        Assert.Equal(payload, kept["body"]!.GetValue<string>());
        var letters = (await _client.GetAsync($"stadtkern/v1/lake/partitions/dead-letter/{day}?limit=1000")).ShouldHaveStatus(200).Array;
        var letter = JsonNode.Parse(letters.Select(r => r!.AsObject()).Last(r => r["channel"]!.GetValue<string>() == topic)["body"]!.GetValue<string>())!;
        Assert.Contains(reason, letter["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(kept["sha256"]!.GetValue<string>(), letter["sha256"]!.GetValue<string>());
    }
}
