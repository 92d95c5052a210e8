using System.Net;
using System.Text;
using Npgsql;
using Stadtkern.Tests.Durability;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Nodes;

/// <summary>
/// Two real <c>stadtkern serve</c> processes (separate data directories and ports) on one PostgreSQL database and one
/// external MQTT broker, taking device traffic through a shared subscription. A short lease, so that a killed node's
/// notifications are taken over soon (unless a test chooses another).
/// </summary>
internal sealed class NodePair : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _dataA = new("node-a");
    private readonly TempDirectory _dataB = new("node-b");

    private readonly string _group = "stadtkern" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _lease;

    private NodePair(string database, string mosquitto, string lease)
    {
        Database = database;
        Mosquitto = mosquitto;
        _lease = lease;
    }

    public string Database { get; }

    public string Mosquitto { get; }

    public BrokerProcess A { get; private set; } = null!;

    public BrokerProcess B { get; private set; } = null!;

    public HttpClient HttpA { get; private set; } = null!;

    public HttpClient HttpB { get; private set; } = null!;

    /// <summary>Starts node A, and node B too unless <paramref name="both"/> is false (then <see cref="StartSecondAsync"/>).</summary>
    public static async Task<NodePair> StartAsync(string database, string lease = "00:00:03", bool both = true)
    {
        var pair = new NodePair(database, ExternalServices.MqttBroker(), lease);
        try
        {
            pair.A = await pair.StartNodeAsync(pair._dataA.Path, "node-a");
            pair.HttpA = new HttpClient { BaseAddress = pair.A.BaseAddress };
            if (both) await pair.StartSecondAsync();
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    public async Task StartSecondAsync()
    {
        B = await StartNodeAsync(_dataB.Path, "node-b");
        HttpB = new HttpClient { BaseAddress = B.BaseAddress };
    }

    private Task<BrokerProcess> StartNodeAsync(string data, string name) =>
        BrokerProcess.StartAsync(data, mqttPort: 0,
            ["--store", "postgres", "--connection", Database, "--mqtt-broker", Mosquitto, "--mqtt-shared-group", _group, "--mqtt-client-id", $"{_group}-{name}"],
            new Dictionary<string, string> { ["STADTKERN_NODELEASE"] = _lease });

    public static async Task<HttpStatusCode> SendAsync(HttpClient http, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Creates a Meter entity (reading 0) on a node and returns its id.</summary>
    public static async Task<string> CreateMeterAsync(HttpClient http)
    {
        var meter = TestData.NewId("Meter");
        Assert.Equal(HttpStatusCode.Created, await SendAsync(http, HttpMethod.Post, "/ngsi-ld/v1/entities", $$"""{"id":"{{meter}}","type":"Meter","reading":0}"""));
        return meter;
    }

    /// <summary>Sets a Meter's reading on a node; the status it answered.</summary>
    public static Task<HttpStatusCode> ReadAsync(HttpClient http, string meter, double reading) =>
        SendAsync(http, HttpMethod.Patch, $"/ngsi-ld/v1/entities/{Uri.EscapeDataString(meter)}/attrs/reading",
            $"{{\"value\":{reading.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}");

    /// <summary>A gauge or counter of a node's /metrics (0 when absent).</summary>
    public static async Task<double> MetricAsync(HttpClient http, string name)
    {
        foreach (var line in (await http.GetStringAsync("/metrics")).Split('\n'))
            if (line.StartsWith(name + " ", StringComparison.Ordinal))
                return double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return 0;
    }

    /// <summary>Undelivered notifications in the shared outbox.</summary>
    public async Task<long> OutboxAsync() => (long)(await QueryAsync("SELECT COUNT(*) FROM notification_outbox"))!;

    /// <summary>The node that holds a subscription's delivery lease (its name begins with host and process id), or null.</summary>
    public async Task<string?> LeaseHolderAsync(string subscriptionId) =>
        await QueryAsync("SELECT node FROM delivery_leases WHERE subscription_id = @p", subscriptionId) as string;

    private async Task<object?> QueryAsync(string sql, string? parameter = null)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null) command.Parameters.AddWithValue("p", parameter);
        return await command.ExecuteScalarAsync();
    }

    public static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"Not within the test's patience: {what}.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        HttpA?.Dispose();
        HttpB?.Dispose();
        A?.Dispose();
        B?.Dispose();
        await Task.CompletedTask;
        _dataA.Dispose();
        _dataB.Dispose();
    }
}
