using System.CommandLine;
using System.Diagnostics;
using Stadtkern.Host;

namespace Stadtkern.Tests.Cli;

/// <summary>The <c>stadtkern</c> command line: --version, --help, the serve and demo commands.</summary>
public sealed class CliTests
{
    internal static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "stadtkern.dll");
        Assert.True(File.Exists(dll), $"The built CLI is missing at {dll}.");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Version_prints_the_product_version_and_exits_0()
    {
        var (exitCode, output, _) = await RunAsync("--version");

        Assert.Equal(0, exitCode);
        Assert.Equal(Host.Cli.Version, output.Trim().Split('+')[0]);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }

    [Fact]
    public async Task Help_lists_the_serve_and_demo_commands_and_exits_0()
    {
        var (exitCode, output, _) = await RunAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("serve", output);
        Assert.Contains("demo", output);
        Assert.Contains("--version", output);
    }

    [Fact]
    public async Task Unknown_command_fails_with_a_message()
    {
        var (exitCode, output, error) = await RunAsync("conquer-the-world");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("conquer-the-world", output + error);
    }

    [Fact]
    public async Task Serve_help_documents_the_urls_and_data_options()
    {
        using var output = new StringWriter();

        var exitCode = await Host.Cli.Build().Parse(["serve", "--help"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });

        Assert.Equal(0, exitCode);
        Assert.Contains("--urls", output.ToString());
        Assert.Contains("--data", output.ToString());
    }

    [Fact]
    public async Task Help_in_process_describes_the_product()
    {
        using var output = new StringWriter();

        var exitCode = await Host.Cli.Build().Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });

        Assert.Equal(0, exitCode);
        Assert.Contains("NGSI-LD", output.ToString());
    }
}
