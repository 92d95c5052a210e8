using System.CommandLine;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Ingest.Import;

/// <summary><c>stadtkern import FILE</c> run in-process: into a data directory, refused beside a running server, and sent to a server with --url.</summary>
public sealed class ImportCliTests
{
    private const string Csv = "nr;füllstand;breite;länge\n1;42,5;51,05;13,74\n2;\"viel\nzu\";51,05;13,74\n3;7;51,05;13,74\n";

    private static readonly string[] Flags =
        ["--type", "WasteContainer", "--id-template", "urn:ngsi-ld:WasteContainer:{nr}", "--lat", "breite", "--lon", "länge",
         "--delimiter", ";", "--decimal-comma", "--unit", "füllstand=P1"];

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Host.Cli.Build().Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [SkippableFact]
    public async Task Importing_into_a_data_directory_applies_the_rows_and_names_the_refused_ones_with_exit_code_2()
    {
        TestDatabases.SkipWhenEnabled("the import command writes the embedded store of a data directory");
        using var directory = new TempDirectory("import-cli");
        var file = Path.Combine(directory.Path, "container.csv");
        await File.WriteAllTextAsync(file, Csv);
        var data = Path.Combine(directory.Path, "data");

        var (exitCode, output, error) = await RunAsync(["import", file, "--data", data, .. Flags, "--mapping", await MappingFileAsync(directory.Path)]);

        Assert.True(exitCode == 2, output + error);
        Assert.Contains("3 rows: 2 applied, 1 rejected", output, StringComparison.Ordinal);
        Assert.Contains("line 3 (row 1): BadRequestData:", output, StringComparison.Ordinal);
        await using var broker = await TestBroker.StartAsync(dataDirectory: data);
        var container = await broker.Client.RetrieveOkAsync("urn:ngsi-ld:WasteContainer:1");
        Assert.Equal(42.5, TestData.ValueOf(container, "fillingLevel")!.GetValue<double>());
        Assert.Equal("P1", container["fillingLevel"]!["unitCode"]!.GetValue<string>());
    }

    private static async Task<string> MappingFileAsync(string directory)
    {
        var path = Path.Combine(directory, "mapping.json");
        await File.WriteAllTextAsync(path, """{"columns":{"füllstand":{"name":"fillingLevel","type":"number"}}}""");
        return path;
    }

    [Fact]
    public async Task A_data_directory_held_by_a_running_server_is_refused()
    {
        await using var broker = await TestBroker.StartAsync();
        var file = Path.Combine(broker.DataDirectory, "container.csv");
        await File.WriteAllTextAsync(file, Csv);
        var before = StoreSnapshot.Take(broker);

        var (exitCode, _, error) = await RunAsync(["import", file, "--data", broker.DataDirectory, .. Flags]);

        Assert.Equal(1, exitCode);
        Assert.Contains("in use by another Stadtkern process", error, StringComparison.Ordinal);
        Assert.Equal(before, StoreSnapshot.Take(broker));
    }

    [Fact]
    public async Task With_url_the_file_goes_to_the_server_and_a_bad_mapping_fails_with_exit_code_1()
    {
        await using var broker = await TestBroker.StartAsync();
        var tenant = TestData.NewTenant();
        var file = Path.Combine(broker.DataDirectory, "container.csv");
        await File.WriteAllTextAsync(file, Csv.Replace("\"viel\nzu\"", "9", StringComparison.Ordinal));

        var (exitCode, output, error) = await RunAsync(["import", file, "--url", broker.Address.ToString(), "--tenant", tenant, .. Flags]);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("3 rows: 3 applied, 0 rejected", output, StringComparison.Ordinal);
        var container = await broker.Client.ForTenant(tenant).RetrieveOkAsync("urn:ngsi-ld:WasteContainer:2");
        Assert.Equal("P1", container["füllstand"]!["unitCode"]!.GetValue<string>());

        var refused = await RunAsync(["import", file, "--url", broker.Address.ToString(), "--type", "WasteContainer", "--id-column", "nope"]);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("nope", refused.Error, StringComparison.Ordinal);
    }
}
