using System.Net.Http.Headers;
using Stadtkern.Ingest;
using Stadtkern.Ingest.Import;
using Stadtkern.Lake;

namespace Stadtkern.Host;

/// <summary>What a replay did: records read, and how the replayed requests and messages ended.</summary>
internal sealed record ReplaySummary(long Records, long Succeeded, long Refused, long Skipped);

/// <summary>
/// Rebuilds entities and history from the raw lake into an empty data directory: every HTTP body and MQTT message is
/// sent again, and every imported file imported again, in the order it arrived, through a broker started on the target — the
/// same code path as the first time.
/// Subscription requests are skipped (a replay must not notify anyone); refused requests are refused again.
/// </summary>
internal static class LakeReplay
{
    public static async Task<ReplaySummary> RunAsync(string source, string target, Action<long>? progress, CancellationToken cancellation)
    {
        if (File.Exists(Path.Combine(target, "stadtkern.db")))
            throw new InvalidOperationException($"{target} already holds a store; a replay needs an empty data directory.");
        await using var lake = new RawLake(source, readOnly: true);
        var app = WebHost.Build([], o =>
        {
            o.Urls = "http://127.0.0.1:0";
            o.DataDirectory = target;
            o.MqttPort = 0;
            o.SeedSampleCity = false;
        });
        await app.StartAsync(cancellation);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
            var ingest = app.Services.GetRequiredService<IngestService>();
            var imports = new ImportReplay(app.Services.GetRequiredService<FileImport>());
            long records = 0, succeeded = 0, refused = 0, skipped = 0;
            await foreach (var record in InArrivalOrder(lake, cancellation))
            {
                records++;
                bool? ok = record.Source switch
                {
                    "mqtt" => (await ingest.MqttAsync(record.Channel, record.Payload, record.ContentType, cancellation)).Applied,
                    "http" => await SendAsync(http, record, cancellation),
                    FileImport.Source => await imports.FeedAsync(record, cancellation),
                    _ => null,
                };
                if (ok is null) skipped++;
                else if (ok.Value) succeeded++;
                else refused++;
                if (records % 1000 == 0) progress?.Invoke(records);
            }
            await imports.FinishAsync();
            progress?.Invoke(records);
            return new ReplaySummary(records, succeeded, refused, skipped);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    private static async Task<bool?> SendAsync(HttpClient http, LakeRecord record, CancellationToken cancellation)
    {
        var channel = record.Channel.Split('#', 2)[0];
        var space = channel.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0) return null;
        var path = channel[(space + 1)..];
        if (path.StartsWith("/ngsi-ld/v1/subscriptions", StringComparison.Ordinal)) return null;
        using var request = new HttpRequestMessage(new HttpMethod(channel[..space]), path.TrimStart('/'));
        if (record.Payload.Length > 0 || record.ContentType is not null)
        {
            request.Content = new ByteArrayContent(record.Payload);
            if (record.ContentType is { } contentType) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (record.Tenant.Length > 0) request.Headers.Add("NGSILD-Tenant", record.Tenant);
        if (record.Link is { } link) request.Headers.TryAddWithoutValidation("Link", link);
        using var response = await http.SendAsync(request, cancellation);
        return response.IsSuccessStatusCode;
    }

    /// <summary>Every record except dead letters, merged across partitions by the time it arrived.</summary>
    private static async IAsyncEnumerable<LakeRecord> InArrivalOrder(RawLake lake, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var heads = new List<(IAsyncEnumerator<LakeRecord> Reader, LakeRecord Current)>();
        foreach (var partition in lake.Partitions().Where(p => p.Source != DeadLetter.LakeSource))
        {
            var reader = lake.ReadAsync(partition.Tenant, partition.Source, partition.Day, cancellation).GetAsyncEnumerator(cancellation);
            if (await reader.MoveNextAsync()) heads.Add((reader, reader.Current));
            else await reader.DisposeAsync();
        }
        while (heads.Count > 0)
        {
            var next = 0;
            for (var i = 1; i < heads.Count; i++)
                if (heads[i].Current.ReceivedAt < heads[next].Current.ReceivedAt) next = i;
            var (reader, current) = heads[next];
            yield return current;
            if (await reader.MoveNextAsync()) heads[next] = (reader, reader.Current);
            else
            {
                await reader.DisposeAsync();
                heads.RemoveAt(next);
            }
        }
    }
}
