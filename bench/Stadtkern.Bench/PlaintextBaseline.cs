namespace Stadtkern.Bench;

/// <summary>The baseline: Kestrel answering "Hello, World!" with nothing else, measured in the same run as the broker.</summary>
internal static class PlaintextBaseline
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/plaintext", () => Results.Text("Hello, World!"));
        await app.RunAsync();
    }
}
