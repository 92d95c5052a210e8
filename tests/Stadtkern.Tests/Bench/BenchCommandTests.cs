using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Stadtkern.Load;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Bench;

/// <summary><c>stadtkern bench URL</c> for a second against a real broker and against a server that refuses everything.</summary>
public sealed class BenchCommandTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private static string[] Short(string url, string profile, params string[] more) =>
        ["bench", url, "--profile", profile, "--entities", "40", "--duration", "1", "--rate", "30", "--concurrency", "8", "--warmup", "0", "--no-baselines", .. more];

    [Theory]
    [InlineData("get")]
    [InlineData("update")]
    [InlineData("city")]
    public async Task A_healthy_broker_answers_every_request_and_the_report_adds_up(string profile)
    {
        var (exitCode, output, error) = await ToolRun.InvokeAsync(Short(fixture.Broker.Address.ToString(), profile, "--format", "json"));

        Assert.True(exitCode == 0, error);
        var load = JsonNode.Parse(output)!["load"]!;
        var succeeded = load["succeeded"]!.GetValue<long>();
        Assert.True(succeeded > 0, error);
        Assert.Equal(0, load["failed"]!.GetValue<long>());
        Assert.Empty(load["errors"]!.AsObject());
        Assert.Equal(succeeded, load["statuses"]!.AsObject().Sum(s => s.Value!.GetValue<long>()));
        Assert.All(load["statuses"]!.AsObject(), s => Assert.StartsWith("2", s.Key));
        Assert.Equal(succeeded, load["timeline"]!.AsArray().Sum(w => w!["requests"]!.GetValue<long>()));
        Assert.Equal(succeeded, load["operations"]!.AsArray().Sum(o => o!["succeeded"]!.GetValue<long>()));
        var latency = load["latencyMs"]!;
        Assert.True(latency["p50"]!.GetValue<double>() <= latency["p99"]!.GetValue<double>());
        Assert.True(latency["p99"]!.GetValue<double>() <= latency["max"]!.GetValue<double>());
        Assert.Contains("done", error);
    }

    [Fact]
    public async Task Devices_publishing_over_mqtt_are_acknowledged_and_change_the_entities()
    {
        var port = FreePort.Next();
        await using var broker = await TestBroker.StartAsync(o => o.MqttPort = port);

        var (exitCode, output, error) = await ToolRun.InvokeAsync(Short(broker.Address.ToString(), "mqtt", "--mqtt", $"mqtt://127.0.0.1:{port}", "--format", "json"));

        Assert.True(exitCode == 0, error);
        var load = JsonNode.Parse(output)!["load"]!;
        Assert.True(load["succeeded"]!.GetValue<long>() > 0);
        Assert.Equal(0, load["failed"]!.GetValue<long>());
        // Loaded entities carry reading 0 (observed at the epoch); a published reading is observed later.
        var entities = JsonNode.Parse(await broker.Http.GetStringAsync("ngsi-ld/v1/entities?type=WasteContainer,Streetlight,AirQualityObserved,ParkingSpot&limit=100"))!.AsArray();
        Assert.Equal(40, entities.Count);
        Assert.Contains(entities, e => e!.AsObject().Any(a => a.Value is JsonObject { } attribute
            && attribute["observedAt"]?.GetValue<string>() is { } at && at != CityEntities.Instant(CityEntities.Epoch)));
    }

    [Fact]
    public async Task A_server_that_answers_503_is_reported_as_errors_by_status_and_exits_1()
    {
        await using var refusing = await ScriptedServer.RefusingAsync();

        var (exitCode, output, _) = await ToolRun.InvokeAsync(Short(refusing.Url, "create", "--format", "json"));

        Assert.Equal(1, exitCode);
        var load = JsonNode.Parse(output)!["load"]!;
        var failed = load["failed"]!.GetValue<long>();
        Assert.True(failed > 0);
        Assert.Equal(0, load["succeeded"]!.GetValue<long>());
        Assert.Equal(failed, load["errors"]!["HTTP 503"]!.GetValue<long>());
        Assert.Equal(failed, load["statuses"]!["503"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_profile_that_cannot_load_its_entities_stops_with_the_reason()
    {
        await using var refusing = await ScriptedServer.RefusingAsync();

        var (exitCode, _, error) = await ToolRun.InvokeAsync(Short(refusing.Url, "get"));

        Assert.Equal(2, exitCode);
        Assert.Contains("answered 503", error);
    }

    [Fact]
    public async Task One_run_writes_each_output_in_the_format_of_its_extension_the_html_with_inline_charts()
    {
        using var folder = new TempDirectory("bench");
        var file = Path.Combine(folder.Path, "bench.html");
        var json = Path.Combine(folder.Path, "bench.json");

        var (exitCode, output, error) = await ToolRun.InvokeAsync(Short(fixture.Broker.Address.ToString(), "geo", "--output", file, "-o", json));

        Assert.True(exitCode == 0, error);
        Assert.Empty(output);
        Assert.True(JsonNode.Parse(await File.ReadAllTextAsync(json))!["load"]!["succeeded"]!.GetValue<long>() > 0);
        var page = await ToolRun.ReadSelfContainedPageAsync(file);
        Assert.Contains("<svg", page);
        Assert.Contains("<polyline", page);
    }

    [Fact]
    public async Task A_capacity_search_reports_each_step_and_a_verdict()
    {
        var (exitCode, output, error) = await ToolRun.InvokeAsync(
            "bench", fixture.Broker.Address.ToString(), "--profile", "get", "--entities", "40", "--duration", "0.5", "--rate", "10", "--concurrency", "4",
            "--warmup", "0", "--no-baselines", "--find-capacity", "--max-steps", "2", "--slo-p99", "5000", "--format", "json");

        Assert.True(exitCode == 0, error);
        var capacity = JsonNode.Parse(output)!["capacity"]!;
        var steps = capacity["steps"]!.AsArray();
        Assert.Equal(2, steps.Count);
        Assert.Equal(10, steps[0]!["rate"]!.GetValue<double>());
        Assert.Equal(15, steps[1]!["rate"]!.GetValue<double>());
        Assert.All(steps, s => Assert.True(s!["load"]!["succeeded"]!.GetValue<long>() > 0));
        Assert.False(string.IsNullOrWhiteSpace(capacity["verdict"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("shed", "ShedCleanly", "HTTP 503")]
    [InlineData("drop", "Failed", "connection")]
    public async Task Past_the_knee_the_report_says_whether_the_target_shed_load_or_failed(string overload, string behaviour, string error)
    {
        // The first 10 requests (the first step: 10/s for 1 s) are answered; every later one is refused or dropped.
        await using var server = await ScriptedServer.StartAsync((n, context) =>
        {
            if (n < 10) return ScriptedServer.Respond(context, StatusCodes.Status201Created);
            if (overload == "shed") return ScriptedServer.Respond(context, StatusCodes.Status503ServiceUnavailable);
            context.Abort();
            return Task.CompletedTask;
        });

        var (exitCode, output, stderr) = await ToolRun.InvokeAsync("bench", server.Url, "--profile", "create", "--duration", "1", "--rate", "10", "--step-factor", "4",
            "--concurrency", "8", "--warmup", "0", "--no-baselines", "--find-capacity", "--max-steps", "3", "--slo-p99", "5000", "--format", "json");

        Assert.True(exitCode == 0, stderr);
        var capacity = JsonNode.Parse(output)!["capacity"]!;
        Assert.Equal(10, capacity["kneeRate"]!.GetValue<double>());
        Assert.Equal(behaviour, capacity["behaviour"]!.GetValue<string>());
        Assert.All(capacity["errorsPastKnee"]!.AsObject(), e => Assert.Contains(error, e.Key));
        Assert.Equal(3, capacity["steps"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("--profile", "stampede")]
    [InlineData("--rate", "0")]
    [InlineData("--concurrency", "0")]
    [InlineData("--format", "pdf")]
    [InlineData("--mqtt", "http://example.org")]
    public async Task Bad_settings_are_refused_with_a_message(string flag, string value)
    {
        string[] arguments = flag == "--profile"
            ? ["bench", "http://127.0.0.1:1", flag, value]
            : ["bench", "http://127.0.0.1:1", "--profile", "get", flag, value];

        var (exitCode, _, error) = await ToolRun.InvokeAsync(arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains(flag, error);
    }

    /// <summary>A server whose answer to its n-th request (from 0) a test scripts: refusing with 503, dropping the connection, ….</summary>
    private sealed class ScriptedServer(WebApplication app) : IAsyncDisposable
    {
        public string Url => app.Urls.First();

        public static Task<ScriptedServer> RefusingAsync() => StartAsync((_, context) => Respond(context, StatusCodes.Status503ServiceUnavailable));

        public static async Task<ScriptedServer> StartAsync(Func<long, HttpContext, Task> answer)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var count = -1L;
            app.Run(context => answer(Interlocked.Increment(ref count), context));
            await app.StartAsync();
            return new ScriptedServer(app);
        }

        public static Task Respond(HttpContext context, int status)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
