using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Broker;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Lake;

namespace Stadtkern.Ingest;

/// <summary>What an NDJSON stream did: lines read, entities applied, and the lines refused with their reasons (the first ones listed).</summary>
public sealed record NdjsonResult(long Lines, long Applied, long Rejected, IReadOnlyList<(long Line, string? EntityId, NgsiLdException Error)> Rejections);

/// <summary>
/// A long stream of entity fragments, one JSON object per line, applied as batch upserts of a bounded number of lines at a
/// time — the stream is never held in memory. Each batch is kept in the raw lake before it is applied; a refused line is a
/// dead letter with its line number and reason.
/// </summary>
public sealed class NdjsonIngest(EntityService entities, ContextResolver contexts, IngestService ingest, TimeProvider time, RawLake? lake = null)
{
    public const int LinesPerBatch = 500;
    public const int MaxLineChars = 1024 * 1024;
    private const int MaxListed = 1000;

    public async Task<NdjsonResult> RunAsync(string tenant, Stream body, string channel, JsonLdContext context, UpsertMode mode, CancellationToken cancellation,
        string? link = null)
    {
        using var text = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        var reader = new LineReader(text, MaxLineChars);
        var batch = new List<(long Line, string Text)>();
        var rejections = new List<(long, string?, NgsiLdException)>();
        long lines = 0, applied = 0, rejected = 0;

        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            var at = time.GetUtcNow();
            var raw = Encoding.UTF8.GetBytes(string.Join('\n', batch.Select(b => b.Text)) + "\n");
            if (lake is not null)
                await lake.AppendAsync(new LakeRecord(at, "http", $"{channel}#lines {batch[0].Line}-{batch[^1].Line}", "application/x-ndjson", tenant, raw) { Link = link }, cancellation);
            var bodies = new JsonArray();
            var lineOf = new List<long>();
            foreach (var (line, text) in batch)
            {
                try
                {
                    var node = JsonNode.Parse(text) as JsonObject ?? throw NgsiLdException.BadData("The line is not a JSON object (an entity).");
                    bodies.Add(node);
                    lineOf.Add(line);
                }
                catch (JsonException e)
                {
                    await RejectAsync(line, null, NgsiLdException.Invalid($"The line is not valid JSON: {e.Message}"), text);
                }
                catch (NgsiLdException e)
                {
                    await RejectAsync(line, null, e, text);
                }
            }
            if (bodies.Count > 0)
            {
                var result = await entities.BatchUpsertAsync(tenant, bodies, mode,
                    async b => b[Model.Members.Context] is { } own ? await contexts.ResolveAsync(own, cancellation) : context, cancellation);
                applied += result.Success.Count;
                ingest.CountApplied(result.Success.Count);
                foreach (var error in result.Errors)
                {
                    var index = IndexOf(bodies, error.EntityId);
                    await RejectAsync(index < 0 ? 0 : lineOf[index], error.EntityId, error.Error, index < 0 ? "" : bodies[index]!.ToJsonString());
                }
            }
            batch.Clear();
        }

        async Task RejectAsync(long line, string? entityId, NgsiLdException error, string text)
        {
            rejected++;
            if (rejections.Count < MaxListed) rejections.Add((line, entityId, error));
            await ingest.RecordDeadLetterAsync(new LakeRecord(time.GetUtcNow(), "http", $"{channel}#line {line}", "application/json", tenant,
                Encoding.UTF8.GetBytes(text)), $"line {line}: {error.Type}: {error.Detail}", cancellation);
        }

        while (await reader.NextAsync(cancellation) is { } read)
        {
            lines++;
            if (read.TooLong)
            {
                await RejectAsync(lines, null, NgsiLdException.BadData($"The line is longer than {MaxLineChars} characters."), read.Text);
                continue;
            }
            if (string.IsNullOrWhiteSpace(read.Text))
            {
                lines--;
                continue;
            }
            batch.Add((lines, read.Text));
            if (batch.Count >= LinesPerBatch) await FlushAsync();
        }
        await FlushAsync();
        return new NdjsonResult(lines, applied, rejected, rejections);
    }

    private static int IndexOf(JsonArray bodies, string entityId)
    {
        for (var i = 0; i < bodies.Count; i++)
            if (bodies[i]?[Model.Members.Id] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == entityId) return i;
        return -1;
    }
}

/// <summary>Reads lines from a text stream in blocks, keeping at most a maximum number of characters of each (the rest of a longer line is skipped).</summary>
internal sealed class LineReader(TextReader reader, int maxChars)
{
    private readonly char[] _block = new char[16 * 1024];
    private int _start;
    private int _end;

    public async Task<(string Text, bool TooLong)?> NextAsync(CancellationToken cancellation)
    {
        var text = new StringBuilder();
        var tooLong = false;
        var any = false;
        while (true)
        {
            if (_start == _end)
            {
                _end = await reader.ReadAsync(_block.AsMemory(), cancellation);
                _start = 0;
                if (_end == 0) return any ? (text.ToString().TrimEnd('\r'), tooLong) : null;
            }
            any = true;
            var newline = Array.IndexOf(_block, '\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            var take = Math.Min(stop - _start, maxChars - text.Length);
            if (take > 0) text.Append(_block, _start, take);
            if (stop - _start > take) tooLong = true;
            if (newline >= 0)
            {
                _start = newline + 1;
                return (text.ToString().TrimEnd('\r'), tooLong);
            }
            _start = _end;
        }
    }
}
