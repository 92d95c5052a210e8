using System.Diagnostics;
using Stadtkern.Conformance;
using Stadtkern.Conformance.Reporting;

namespace Stadtkern.Host.Tools.Check;

/// <summary>Runs selected cases of <see cref="CaseCatalog"/> one after another against a broker, with its own context server and notification receiver.</summary>
internal sealed class ConformanceCheck(Uri brokerRoot, SuiteData suite, CallbackAddress callback, ConformanceRunnerOptions options, TimeProvider clock)
{
    /// <summary>Whether the broker answers HTTP at all (any status): a clear error beats hundreds of failed cases.</summary>
    public static async Task<string?> UnreachableAsync(Uri brokerRoot, CancellationToken cancellation)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var answer = await http.GetAsync(new Uri(brokerRoot, "types"), cancellation);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            return $"The broker at {brokerRoot} does not answer: {e.Message}";
        }
    }

    public async Task<ConformanceReport> RunAsync(IReadOnlyList<ConformanceCase> cases, TextWriter progress, CancellationToken cancellation)
    {
        var (contextListen, contextPublic) = callback.NextServer();
        await using var contexts = await ContextServer.StartAsync(suite, new ContextServerOptions { ListenUrl = contextListen, PublicBaseUrl = contextPublic }, cancellation);
        var (notifyListen, notifyPublic) = callback.NextServer();
        await using var notifications = await NotificationReceiver.StartAsync(
            new NotificationReceiverOptions { ListenUrl = notifyListen, PublicBaseUrl = notifyPublic, MqttPublicHost = callback.CallbackHost }, cancellation);
        using var runner = new ConformanceRunner(brokerRoot, suite, contexts, notifications, options);
        await progress.WriteLineAsync($"check: {cases.Count} cases against {brokerRoot}; contexts at {contexts.BaseUrl}, notifications to {notifications.BaseUrl}");

        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var results = new List<CaseResult>(cases.Count);
        var failed = 0;
        foreach (var @case in cases)
        {
            cancellation.ThrowIfCancellationRequested();
            var result = await runner.RunAsync(@case, cancellation);
            results.Add(result);
            if (!result.Passed) failed++;
            await progress.WriteLineAsync($"[{results.Count}/{cases.Count}] {(result.Passed ? "passed" : "FAILED")} {@case.Key} ({failed} failed so far)");
        }
        return ConformanceReport.Of(brokerRoot.ToString(), suite.Root, started, watch.Elapsed, results);
    }
}
