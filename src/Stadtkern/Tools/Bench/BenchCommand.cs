using System.CommandLine;
using Stadtkern.Host.Tools.Reports;
using Stadtkern.Load;
using Stadtkern.Load.Profiles;

namespace Stadtkern.Host.Tools.Bench;

/// <summary>
/// <c>stadtkern bench URL --profile NAME</c>: a load profile against any NGSI-LD endpoint, open loop at <c>--rate</c> or
/// closed loop, or a capacity search (<c>--find-capacity</c>). Exit code 0 when every request succeeded (or the capacity
/// search finished), 1 when requests failed, 2 for bad input or a target that could not be prepared.
/// </summary>
internal static class BenchCommand
{
    public static Command Build()
    {
        var options = new BenchOptions();
        var command = new Command("bench", $"Put a load on an NGSI-LD endpoint and report throughput, latency, errors and stability (profiles: {ProfileCatalog.Names}).");
        options.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var stdout = result.InvocationConfiguration.Output;
            var progress = ProgressLine.For(result.InvocationConfiguration.Error);
            BenchSettings settings;
            try
            {
                settings = options.Read(result);
            }
            catch (Exception e) when (e is ArgumentException or UriFormatException)
            {
                progress.Log($"stadtkern bench: {e.Message}");
                return 2;
            }
            using var target = new NgsiTarget(settings.Target, settings.Tenant, settings.Shape.Concurrency);
            await using var profile = ProfileCatalog.Create(settings.Profile, settings.ProfileSettings(target));
            try
            {
                await profile.PrepareAsync(progress.Log, cancellation);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or ArgumentException or TaskCanceledException
                or MQTTnet.Exceptions.MqttCommunicationException && !cancellation.IsCancellationRequested)
            {
                progress.Log($"stadtkern bench: preparing the {settings.Profile} profile on {target.Address} failed: {e.Message}");
                return 2;
            }
            var report = await new BenchSession(TimeProvider.System, progress).RunAsync(settings, target, profile, cancellation);
            await ReportOutput.WriteAsync(f => BenchReportWriter.Write(report, f), settings.Format, settings.OutputFiles, stdout, cancellation);
            progress.Log(Conclusion(report, settings.OutputFiles));
            return report.Load is { Failed: > 0 } ? 1 : 0;
        });
        return command;
    }

    private static string Conclusion(BenchReport report, IReadOnlyList<string> outputFiles)
    {
        var where = outputFiles.Count == 0 ? "" : $"; report in {string.Join(", ", outputFiles)}";
        if (report.Capacity is { } c) return $"bench: {c.Verdict.TrimEnd('.')}{where}";
        var load = report.Load!;
        return $"bench: {load.Throughput:N0} requests/s, p99 {load.Latency.P99:0.##} ms, {load.Failed:N0} failed of {load.Completed:N0}{where}";
    }
}
