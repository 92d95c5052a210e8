using Stadtkern.Load.Baselines;

namespace Stadtkern.Bench;

/// <summary>The baseline: Kestrel answering "Hello, World!" with nothing else, measured in the same run as the broker (in its own process, for wrk).</summary>
internal static class PlaintextBaseline
{
    public static async Task RunAsync(int port)
    {
        await using var app = await PlaintextEndpoint.StartAsync($"http://127.0.0.1:{port}");
        await app.WaitForShutdownAsync();
    }
}
