using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace Stadtkern.Tests.Support;

/// <summary>A device on the test broker's MQTT port: MQTT 5, QoS 1, so that a publish returns once the broker has acknowledged it.</summary>
public static class MqttDevice
{
    public static async Task<IMqttClient> ConnectAsync(int port, string host = "127.0.0.1")
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithClientId("test-" + Guid.NewGuid().ToString("N")).Build());
        return client;
    }

    public static async Task DisconnectAsync(IMqttClient client)
    {
        await client.DisconnectAsync();
        client.Dispose();
    }

    /// <summary>Publishes and checks for a success code: Success, or NoMatchingSubscribers when nobody subscribes (MQTT 5, 3.4.2.1).</summary>
    public static async Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string topic, string payload)
    {
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(result.IsSuccess, result.ReasonCode.ToString());
        return result;
    }
}
