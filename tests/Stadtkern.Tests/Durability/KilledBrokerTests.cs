using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Stadtkern.Tests.Durability;

/// <summary>"Nothing acknowledged is ever lost": a broker killed in the middle of a write stream keeps every write it answered 2xx.</summary>
public sealed class KilledBrokerTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("stadtkern-kill-").FullName;

    [Fact]
    public async Task Every_acknowledged_create_and_update_survives_a_kill()
    {
        var acknowledged = new ConcurrentDictionary<string, double>();
        using (var broker = await BrokerProcess.StartAsync(_data))
        {
            using var http = new HttpClient { BaseAddress = broker.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var id = $"urn:ngsi-ld:Sensor:w{w}-{i}";
                    var level = i / 10.0;
                    var body = "{\"id\":\"" + id + "\",\"type\":\"Sensor\",\"level\":{\"type\":\"Property\",\"value\":"
                        + level.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}";
                    try
                    {
                        using var response = await http.PostAsync("/ngsi-ld/v1/entities", new StringContent(body, Encoding.UTF8, "application/json"));
                        if (response.StatusCode == HttpStatusCode.Created) acknowledged[id] = level;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToArray();
            while (acknowledged.Count < 300) await Task.Delay(20);
            broker.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        using var restarted = await BrokerProcess.StartAsync(_data);
        using var client = new HttpClient { BaseAddress = restarted.BaseAddress };
        var missing = new List<string>();
        foreach (var (id, _) in acknowledged)
        {
            using var response = await client.GetAsync($"/ngsi-ld/v1/entities/{id}");
            if (response.StatusCode != HttpStatusCode.OK) missing.Add(id);
        }
        Assert.True(acknowledged.Count >= 300);
        Assert.Empty(missing);
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); }
        catch (IOException) { }
    }
}
