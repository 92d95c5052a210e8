using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;

using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Durability;

/// <summary>
/// The real process ingests over HTTP and MQTT and is killed with SIGKILL at random moments, twenty times over one data
/// directory: after every restart the store opens, and every acknowledged reading is in the current state, in the history
/// and in the raw lake.
/// </summary>
public sealed class RepeatedCrashTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("stadtkern-crash-").FullName;

    private sealed record Reading(string Id, double Value, string ObservedAt, string Marker);

    [Fact]
    public async Task Twenty_kills_lose_no_acknowledged_reading()
    {
        var random = new Random(20261129);
        var acknowledged = new ConcurrentBag<Reading>();
        for (var round = 0; round < 20; round++)
        {
            var mqttPort = FreePort.Next();
            using var broker = await BrokerProcess.StartAsync(_data, mqttPort);
            await VerifyAsync(broker, acknowledged.ToList());
            using var stop = new CancellationTokenSource();
            var http = Task.Run(() => HttpWriterAsync(broker, round, acknowledged, stop.Token));
            var mqtt = Task.Run(() => MqttPublisherAsync(mqttPort, round, acknowledged, stop.Token));
            await Task.Delay(random.Next(150, 700));
            // On a busy machine a short window may pass before the first write is taken; kill only once this round has
            // made some progress on both paths (or after a generous wait), so that the kills prove something.
            await WaitForProgressAsync(acknowledged, round);
            broker.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(http, mqtt);
        }
        using var last = await BrokerProcess.StartAsync(_data);
        await VerifyAsync(last, acknowledged.ToList());
        Assert.True(acknowledged.Count(r => r.Id.Contains(":h", StringComparison.Ordinal)) > 20, "too few HTTP writes were acknowledged to prove anything");
        Assert.True(acknowledged.Count(r => r.Id.Contains(":m", StringComparison.Ordinal)) > 20, "too few MQTT writes were acknowledged to prove anything");
    }

    private static async Task WaitForProgressAsync(ConcurrentBag<Reading> acknowledged, int round)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline
            && (acknowledged.Count(r => r.Id.Contains($":h{round}-", StringComparison.Ordinal)) < 2
                || acknowledged.Count(r => r.Id.Contains($":m{round}-", StringComparison.Ordinal)) < 2))
            await Task.Delay(20);
    }

    private static string Body(Reading reading) =>
        "{\"type\":\"Meter\",\"level\":{\"type\":\"Property\",\"value\":" + reading.Value.ToString(CultureInfo.InvariantCulture)
        + ",\"observedAt\":\"" + reading.ObservedAt + "\",\"note\":{\"type\":\"Property\",\"value\":\"" + reading.Marker + "\"}}}";

    private static Reading NewReading(string id, int round, int i) =>
        new(id, round * 1000 + i, DateTimeOffset.UnixEpoch.AddSeconds(1_800_000_000 + round * 10_000 + i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Guid.NewGuid().ToString("N"));

    private static async Task HttpWriterAsync(BrokerProcess broker, int round, ConcurrentBag<Reading> acknowledged, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = broker.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var reading = NewReading($"urn:ngsi-ld:Meter:h{round}-{i % 5}", round, i);
            var body = "[" + Body(reading).Insert(1, $"\"id\":\"{reading.Id}\",") + "]";
            try
            {
                using var response = await http.PostAsync("/ngsi-ld/v1/entityOperations/upsert?options=update", new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.IsSuccessStatusCode) acknowledged.Add(reading);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return;
            }
        }
    }

    private static async Task MqttPublisherAsync(int port, int round, ConcurrentBag<Reading> acknowledged, CancellationToken stop)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"crash-{round}")
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(10)).Build());
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var reading = NewReading($"urn:ngsi-ld:Meter:m{round}-{i % 5}", round, i);
                var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic($"ngsi-ld/default/entities/{reading.Id}/attrs").WithPayload(Encoding.UTF8.GetBytes(Body(reading)))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                if (result.IsSuccess) acknowledged.Add(reading);
            }
        }
        catch (Exception)
        {
            // The process was killed: what was not acknowledged does not count.
        }
    }

    private static async Task VerifyAsync(BrokerProcess broker, List<Reading> acknowledged)
    {
        if (acknowledged.Count == 0) return;
        using var http = new HttpClient { BaseAddress = broker.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var lake = new StringBuilder();
        foreach (var partition in JsonNode.Parse(await http.GetStringAsync("/stadtkern/v1/lake/partitions"))!.AsArray())
            lake.Append(await http.GetStringAsync($"/stadtkern/v1/lake/partitions/{partition!["source"]}/{partition["day"]}/export"));
        var text = lake.ToString();
        var problems = new List<string>();
        foreach (var group in acknowledged.GroupBy(r => r.Id))
        {
            using var history = await http.GetAsync($"/ngsi-ld/v1/temporal/entities/{group.Key}?attrs=level&options=temporalValues");
            if (history.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"{group.Key}: history answered {(int)history.StatusCode}");
                continue;
            }
            var kept = JsonNode.Parse(await history.Content.ReadAsStringAsync())!["level"]!["values"]!.AsArray()
                .Select(p => p![0]!.GetValue<double>()).ToHashSet();
            foreach (var reading in group)
            {
                if (!kept.Contains(reading.Value)) problems.Add($"{reading.Id}: reading {reading.Value} not in the history");
                if (!text.Contains(reading.Marker, StringComparison.Ordinal)) problems.Add($"{reading.Id}: reading {reading.Value} not in the lake");
            }
            using var current = await http.GetAsync($"/ngsi-ld/v1/entities/{group.Key}");
            if (current.StatusCode != HttpStatusCode.OK) problems.Add($"{group.Key}: current state answered {(int)current.StatusCode}");
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(20)));
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); }
        catch (IOException) { }
    }
}
