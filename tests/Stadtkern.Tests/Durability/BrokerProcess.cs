using System.Diagnostics;
using System.Net;

using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Durability;

/// <summary>A real <c>stadtkern serve</c> process on a data directory, which a test can kill without warning (SIGKILL).</summary>
internal sealed class BrokerProcess : IDisposable
{
    private readonly Process _process;

    public Uri BaseAddress { get; }

    /// <summary>The operating system's id of the process.</summary>
    public int Id => _process.Id;

    private BrokerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>Starts <c>stadtkern serve</c> with these further arguments and <c>STADTKERN_*</c> settings, and waits until it is ready.</summary>
    public static async Task<BrokerProcess> StartAsync(string dataDirectory, int mqttPort = 0, IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort.Next();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "stadtkern.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--data", dataDirectory,
                     "--mqtt-port", mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(arguments ?? []))
            info.ArgumentList.Add(a);
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start stadtkern");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var broker = new BrokerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = broker.BaseAddress };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return broker;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (process.HasExited) throw new InvalidOperationException($"stadtkern exited with {process.ExitCode}");
            await Task.Delay(100);
        }
        broker.Dispose();
        throw new TimeoutException("stadtkern did not become ready");
    }

    /// <summary>Kills the process at once, as a power cut or OOM killer would: no shutdown code runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
