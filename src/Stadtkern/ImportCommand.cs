using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Host.Api;
using Stadtkern.Ingest.Import;

namespace Stadtkern.Host;

/// <summary>
/// <c>stadtkern import FILE</c>: a CSV, GeoJSON or NGSI-LD file imported into the store of a data directory, or sent to a
/// running server's import endpoint. Exit code 0 when every row was applied, 2 when rows were refused, 1 when the import failed.
/// </summary>
internal static class ImportCommand
{
    private const int Listed = 20;

    public static Command Build()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The file to import." };
        var format = new Option<string?>("--format") { Description = "csv, geojson or ngsi-ld (default: from the file's extension)." };
        var data = new Option<string>("--data") { Description = "Data directory to import into (default ./stadtkern-data).", DefaultValueFactory = _ => "./stadtkern-data" };
        var url = new Option<string?>("--url") { Description = "Send the file to the server at this address instead (e.g. http://127.0.0.1:1026)." };
        var tenant = new Option<string>("--tenant") { Description = "Tenant (default: the default tenant).", DefaultValueFactory = _ => "" };
        var flags = new MappingFlags();
        var command = new Command("import", "Import a CSV, GeoJSON or NGSI-LD file as entities (see docs/import.md for the mapping).") { file, format, data, url, tenant };
        flags.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            try
            {
                var path = result.GetValue(file)!;
                var mapping = await flags.ReadAsync(result, cancellation);
                var chosen = result.GetValue(format) is { } name ? ImportFormats.Parse(name) : ImportFormats.FromFileName(path.Name) ?? mapping.Format;
                mapping = (mapping with { Format = chosen }).Validate();
                await using var stream = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
                using var bar = new ImportProgressBar(error, stream, TimeProvider.System);
                var summary = result.GetValue(url) is { } server
                    ? await SendAsync(new Uri(server.TrimEnd('/') + "/"), result.GetValue(tenant)!, stream, mapping, cancellation)
                    : await ImportHereAsync(result.GetValue(data)!, result.GetValue(tenant)!, stream, mapping, bar, cancellation);
                bar.Done();
                return Print(output, summary);
            }
            catch (Exception e) when (e is NgsiLdException or IOException or HttpRequestException or InvalidOperationException or UnauthorizedAccessException
                or UriFormatException)
            {
                error.WriteLine($"stadtkern import: {(e is NgsiLdException n ? $"{n.Type}: {n.Detail}" : e.Message)}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Opens the data directory's store (the broker, without listening anywhere but loopback) and imports into it.</summary>
    private static async Task<JsonObject> ImportHereAsync(string directory, string tenant, Stream file, ImportMapping mapping, IProgress<ImportProgress> progress,
        CancellationToken cancellation)
    {
        var app = WebHost.Build([], o =>
        {
            o.Urls = "http://127.0.0.1:0";
            o.DataDirectory = directory;
            o.MqttPort = 0;
            o.SeedSampleCity = false;
        });
        try
        {
            await app.StartAsync(cancellation);
            var result = await app.Services.GetRequiredService<FileImport>().RunAsync(tenant, file, mapping, progress, cancellation);
            return ImportSummary.ToJson(result);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    /// <summary>Streams the file to the server's import endpoint and reads its summary.</summary>
    private static async Task<JsonObject> SendAsync(Uri server, string tenant, Stream file, ImportMapping mapping, CancellationToken cancellation)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"stadtkern/v1/ingest/import?format={mapping.Format.Name()}")
        {
            Content = new StreamContent(file, 64 * 1024),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mapping.Format.MediaType());
        request.Headers.TryAddWithoutValidation(IngestEndpoints.MappingHeader, mapping.ToJson());
        if (tenant.Length > 0) request.Headers.Add("NGSILD-Tenant", tenant);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellation);
        var body = await response.Content.ReadAsStringAsync(cancellation);
        var json = body.Length > 0 && body.TrimStart().StartsWith('{') ? JsonNode.Parse(body) as JsonObject : null;
        if (response.IsSuccessStatusCode && json is not null) return json;
        throw new HttpRequestException($"The server answered {(int)response.StatusCode}: {json?["detail"]?.GetValue<string>() ?? body}");
    }

    private static int Print(TextWriter output, JsonObject summary)
    {
        long Count(string name) => summary[name]!.GetValue<long>();
        output.WriteLine($"{Count("rows"):N0} rows: {Count("applied"):N0} applied, {Count("rejected"):N0} rejected");
        var rejections = summary["rejections"]!.AsArray();
        foreach (var rejection in rejections.Take(Listed))
        {
            var problem = rejection!["error"]!;
            var type = problem["type"]!.GetValue<string>().Split('/')[^1];
            output.WriteLine($"  line {rejection["line"]} (row {rejection["index"]}): {type}: {problem["detail"]}");
        }
        if (Count("rejected") > Math.Min(Listed, rejections.Count)) output.WriteLine($"  ... and {Count("rejected") - Math.Min(Listed, rejections.Count):N0} more");
        if (summary["stopped"] is { } stopped)
        {
            output.WriteLine($"Stopped: {stopped["detail"]} (the rows before it were applied)");
            return 1;
        }
        return Count("rejected") > 0 ? 2 : 0;
    }
}
