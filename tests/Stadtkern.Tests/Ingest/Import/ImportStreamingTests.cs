using System.Text;
using System.Text.Json.Nodes;
using Stadtkern.Ingest.Import;

namespace Stadtkern.Tests.Ingest.Import;

/// <summary>The streaming parts of an import, fed a few bytes at a time: every element and chunk boundary falls mid-token somewhere.</summary>
public sealed class ImportStreamingTests
{
    /// <summary>A stream that hands out at most a few bytes per read, as a slow network does.</summary>
    private sealed class Trickle(byte[] bytes, int step) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(step, buffer.Length)], cancellationToken);
    }

    [Fact]
    public async Task GeoJson_features_are_read_one_by_one_with_their_lines_however_the_bytes_arrive()
    {
        var text = new StringBuilder("\uFEFF{\"type\":\"FeatureCollection\",\"name\":{\"nested\":[1,2,{\"x\":\"features\"}]},\n\"features\":[\n");
        for (var i = 0; i < 3000; i++)
            text.Append(i == 0 ? "" : ",\n").Append("{\"type\":\"Feature\",\"id\":").Append(i).Append(",\"properties\":{\"text\":\"").Append('x', i % 50).Append("\"}}");
        text.Append("\n],\"bbox\":[0,0,1,1]}");

        var items = new List<JsonItem>();
        await foreach (var item in new JsonItems(new Trickle(Encoding.UTF8.GetBytes(text.ToString()), 7), "features").ReadAsync(CancellationToken.None))
            items.Add(item);

        Assert.Equal(3000, items.Count);
        Assert.All(items, item => Assert.Equal(item.Index, item.Node!["id"]!.GetValue<long>()));
        Assert.All(items, item => Assert.Equal(item.Index + 3, item.Line));
    }

    [Fact]
    public async Task The_lake_gets_every_byte_before_the_reader_in_chunks_cut_after_line_breaks()
    {
        var file = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 200).Select(i => $"line {i}\n")) + "last, without a line break");
        var kept = new List<byte[]>();
        var tee = new LakeTee(new Trickle(file, 13), (bytes, offset, _) =>
        {
            Assert.Equal(kept.Sum(k => k.Length), offset);
            kept.Add(bytes.ToArray());
            return Task.CompletedTask;
        }, cutOnLines: true, chunkBytes: 64);

        using var copy = new MemoryStream();
        var buffer = new byte[5];
        int read;
        while ((read = await tee.ReadAsync(buffer.AsMemory(), CancellationToken.None)) > 0)
        {
            Assert.True(kept.Sum(k => k.Length) >= tee.BytesRead);
            copy.Write(buffer, 0, read);
        }

        Assert.Equal(file, copy.ToArray());
        Assert.Equal(file, kept.SelectMany(k => k).ToArray());
        Assert.All(kept, k => Assert.True(k.Length <= 64));
        Assert.All(kept.SkipLast(1), k => Assert.Equal((byte)'\n', k[^1]));
    }

    [Fact]
    public async Task Ndjson_values_follow_one_another_and_invalid_json_stops_with_its_line()
    {
        var text = "{\"id\":1}\n{\"id\":2}\n\n{\"id\":3,\n \"broken\": }\n{\"id\":4}\n";
        var items = new List<JsonNode?>();

        var error = await Assert.ThrowsAsync<Stadtkern.Errors.NgsiLdException>(async () =>
        {
            await foreach (var item in new JsonItems(new Trickle(Encoding.UTF8.GetBytes(text), 3), member: null).ReadAsync(CancellationToken.None))
                items.Add(item.Node);
        });

        Assert.Equal(2, items.Count);
        Assert.Contains("line 5", error.Detail, StringComparison.Ordinal);
    }
}
