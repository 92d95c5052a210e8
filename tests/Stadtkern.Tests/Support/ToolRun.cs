using System.CommandLine;

namespace Stadtkern.Tests.Support;

/// <summary>Runs the <c>stadtkern</c> command line in-process and reads what the tools (<c>check</c>, <c>bench</c>) wrote.</summary>
public static class ToolRun
{
    /// <summary>The exit code and what went to standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Host.Cli.Build().Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Reads an HTML report and checks that it is one page that needs nothing else: no scripts, nothing loaded from elsewhere.</summary>
    public static async Task<string> ReadSelfContainedPageAsync(string path)
    {
        var page = await File.ReadAllTextAsync(path);
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.DoesNotContain("<script", page);
        Assert.DoesNotContain("src=", page);
        Assert.DoesNotContain("<link", page);
        return page;
    }
}
