using System.CommandLine;
using Stadtkern.Conformance;
using Stadtkern.Conformance.Reporting;
using Stadtkern.Host.Tools.Reports;

namespace Stadtkern.Host.Tools.Check;

/// <summary>
/// <c>stadtkern check URL</c>: the ported ETSI NGSI-LD conformance cases (the tables the test suite runs) against any broker,
/// reported per clause group and per case. Exit code 0 when every selected case passed, 1 when any failed, 2 for bad input.
/// </summary>
internal static class CheckCommand
{
    public static Command Build()
    {
        var url = new Argument<string>("URL") { Description = "The broker: its address (http://host:1026) or its NGSI-LD root (…/ngsi-ld/v1/)." };
        var format = new Option<string?>("--format") { Description = ReportOutput.FormatHelp };
        var output = new Option<string[]>("--output", "-o") { Description = "Write the report to this file instead of standard output, in the format its extension names; may be repeated (-o r.json -o r.html)." };
        var filter = new Option<string[]>("--filter") { Description = "Run only the cases whose key (Clause/Id) contains this text, ignoring case; may be repeated.", AllowMultipleArgumentsPerToken = false };
        var suite = new Option<string?>("--suite") { Description = $"The ETSI suite's data folder (default: ${SuiteData.EnvironmentVariable}, or shared/etsi-ngsi-ld above the working directory)." };
        var listen = new Option<string?>("--listen") { Description = "IP address the context server and notification receiver listen on (default 127.0.0.1; 0.0.0.0 for a broker elsewhere)." };
        var callbackHost = new Option<string?>("--callback-host") { Description = "Host name or address the broker reaches this machine under (default: the --listen address)." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds one request may take before its case fails (default 30).", DefaultValueFactory = _ => 30 };
        var coreContext = new Option<string?>("--core-context") { Description = "The core @context the broker answers with (default: the suite's, v1.8)." };
        var list = new Option<bool>("--list") { Description = "List the selected cases and exit without running them." };
        var command = new Command("check", "Run the ETSI NGSI-LD conformance cases against a broker and report pass/fail per clause and case.")
        {
            url, format, output, filter, suite, listen, callbackHost, timeout, coreContext, list,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var stdout = result.InvocationConfiguration.Output;
            var stderr = result.InvocationConfiguration.Error;
            try
            {
                var outputFiles = result.GetValue(output) ?? [];
                ReportOutput.Validate(result.GetValue(format));
                var cases = CaseSelection.Select(CaseCatalog.All, result.GetValue(filter) ?? []);
                if (cases.Count == 0) throw new ArgumentException($"No case matches --filter {string.Join(", ", result.GetValue(filter) ?? [])}.");
                if (result.GetValue(list))
                {
                    foreach (var c in cases) await stdout.WriteLineAsync($"{c.Key}  {c.Title}");
                    return 0;
                }
                var root = BrokerRoot(result.GetValue(url)!);
                var seconds = result.GetValue(timeout);
                if (seconds is <= 0 or > 3600) throw new ArgumentException("--timeout must be between 0 and 3600 seconds.");
                var data = SuiteLocation.Find(result.GetValue(suite));
                var callback = CallbackAddress.Parse(result.GetValue(listen), result.GetValue(callbackHost));
                if (await ConformanceCheck.UnreachableAsync(root, cancellation) is { } why)
                {
                    await stderr.WriteLineAsync($"stadtkern check: {why}");
                    return 2;
                }
                var options = new ConformanceRunnerOptions { RequestTimeout = TimeSpan.FromSeconds(seconds) };
                if (result.GetValue(coreContext) is { } core) options.CoreContext = core;
                var report = await new ConformanceCheck(root, data, callback, options, TimeProvider.System).RunAsync(cases, stderr, cancellation);
                await ReportOutput.WriteAsync(f => ConformanceReportWriter.Write(report, f), result.GetValue(format), outputFiles, stdout, cancellation);
                await stderr.WriteLineAsync($"check: {report.Passed} passed, {report.Failed} failed{(outputFiles.Length == 0 ? "" : $"; report in {string.Join(", ", outputFiles)}")}");
                return report.Failed == 0 ? 0 : 1;
            }
            catch (Exception e) when (e is ArgumentException or DirectoryNotFoundException or UriFormatException or IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"stadtkern check: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>The NGSI-LD root of a broker address: <c>…/ngsi-ld/v1/</c> is kept, anything else gets it appended.</summary>
    public static Uri BrokerRoot(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"'{address}' is not an http(s) URL of a broker (e.g. http://127.0.0.1:1026).");
        var path = uri.AbsolutePath.TrimEnd('/');
        var root = path.EndsWith("/ngsi-ld/v1", StringComparison.Ordinal) ? path : path + "/ngsi-ld/v1";
        return new UriBuilder(uri) { Path = root + "/", Query = "", Fragment = "" }.Uri;
    }
}
