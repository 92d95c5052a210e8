using Microsoft.Extensions.Configuration;
using Stadtkern.Ingest.Mapping;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Ingest;

/// <summary>Rules outlive the process that took them, and configuration binds the same rule format as the API.</summary>
public sealed class MappingRuleRestartTests
{
    [Fact]
    public async Task A_rule_created_over_the_API_is_in_force_after_a_restart()
    {
        using var directory = new TempDirectory("mapping-restart");
        var port = FreePort.Next();
        await using (var first = await TestBroker.StartAsync(o => o.MqttPort = port, directory.Path))
        {
            (await first.Client.PostAsync("stadtkern/v1/ingest/mappings", TestData.Parse("""
                {"id":"lamps","topic":"lamps/{n}","entityId":"urn:ngsi-ld:Lamp:{n}","entityType":"Lamp","attributes":[{"field":"on","attribute":"on","type":"boolean"}]}
                """))).ShouldHaveStatus(201);
        }

        await using var second = await TestBroker.StartAsync(o => o.MqttPort = port, directory.Path);
        (await second.Client.GetAsync("stadtkern/v1/ingest/mappings/lamps")).ShouldHaveStatus(200);
        var device = await MqttDevice.ConnectAsync(port);
        await MqttDevice.PublishAsync(device, "lamps/9", """{"on":"on"}""");
        await MqttDevice.DisconnectAsync(device);

        Assert.True(TestData.ValueOf(await second.Client.RetrieveOkAsync("urn:ngsi-ld:Lamp:9"), "on")!.GetValue<bool>());
    }

    [Fact]
    public void Configuration_keys_and_environment_style_keys_bind_to_a_rule_that_passes_the_checks()
    {
        var options = new StadtkernOptions();
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stadtkern:MqttMappings:0:Id"] = "river",
            ["Stadtkern:MqttMappings:0:Topic"] = "river/{gauge}/level",
            ["Stadtkern:MqttMappings:0:EntityId"] = "urn:ngsi-ld:WaterObserved:{gauge}",
            ["Stadtkern:MqttMappings:0:EntityType"] = "WaterObserved",
            ["Stadtkern:MqttMappings:0:Attributes:0:Field"] = "cm",
            ["Stadtkern:MqttMappings:0:Attributes:0:Attribute"] = "height",
            ["Stadtkern:MqttMappings:0:Attributes:0:Type"] = "number",
            ["Stadtkern:MqttMappings:0:Attributes:0:Scale"] = "0.01",
            ["Stadtkern:MqttMappings:0:Attributes:0:Map:x"] = "y",
        }).Build().GetSection(StadtkernOptions.Section).Bind(options);

        var document = Assert.Single(options.MqttMappings);
        Assert.Equal(0.01m, document.Attributes![0].Scale);
        var error = Assert.Throws<Errors.NgsiLdException>(() => MappingRule.Compile(document, MappingOrigin.Config));
        Assert.Contains("map applies to the type lookup only", error.Detail, StringComparison.Ordinal);
        document.Attributes[0].Map = null;
        Assert.Equal("height", MappingRule.Compile(document, MappingOrigin.Config).Attributes[0].Name);
    }

    [Fact]
    public async Task An_invalid_configured_rule_stops_the_start_with_its_position()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestBroker.StartAsync(o =>
            o.MqttMappings.Add(new MappingRuleDocument { Id = "x", Topic = "a/#/b", EntityId = "urn:x:1", EntityType = "T" })));

        Assert.Contains("Stadtkern:MqttMappings:0", error.Message, StringComparison.Ordinal);
    }
}
