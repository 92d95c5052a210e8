using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Stadtkern.Ledger;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Ledger;

/// <summary>
/// The ledger over HTTP, checked as an outside verifier would: the signed checkpoint with the published key, each entry's
/// leaf hash from its bytes, inclusion proofs against the checkpoint, consistency between two checkpoints.
/// </summary>
public sealed class LedgerApiTests
{
    private static async Task AppendAsync(TestBroker broker, int from, int count) =>
        await broker.Services.GetRequiredService<TransparencyLog>().AppendAsync(
            [.. Enumerable.Range(from, count).Select(i => ("release", Encoding.UTF8.GetBytes($$"""{"dataset":"parking","release":{{i}}}""")))],
            DateTimeOffset.UtcNow, CancellationToken.None);

    private static async Task<Checkpoint> CheckpointAsync(NgsiClient client)
    {
        var key = (await client.GetAsync("stadtkern/v1/ledger/key")).ShouldHaveStatus(200).Body.Trim();
        var note = (await client.GetAsync(".well-known/stadtkern/checkpoint")).ShouldHaveStatus(200).Body;
        Assert.True(SignedNote.TryVerify(note, key, out var text, out var reason), reason);
        Assert.True(Checkpoint.TryParse(text, out var checkpoint));
        return checkpoint;
    }

    private static List<byte[]> Proof(JsonObject answer) => [.. answer["proof"]!.AsArray().Select(p => Convert.FromBase64String(p!.GetValue<string>()))];

    [Fact]
    public async Task Every_entry_is_provably_in_the_signed_checkpoint_and_a_later_checkpoint_is_consistent_with_it()
    {
        await using var broker = await TestBroker.StartAsync(o => o.LedgerOrigin = "stadt.example/ledger");
        var client = broker.Client;
        await AppendAsync(broker, 1, 5);

        var first = await CheckpointAsync(client);
        Assert.Equal(("stadt.example/ledger", 5L), (first.Origin, first.Size));
        for (var i = 0; i < 5; i++)
        {
            var entry = (await client.GetAsync($"stadtkern/v1/ledger/entries/{i}")).ShouldHaveStatus(200).Object;
            var leaf = MerkleHash.Leaf(Convert.FromBase64String(entry["body"]!.GetValue<string>()));
            Assert.Equal(Convert.ToBase64String(leaf), entry["leafHash"]!.GetValue<string>());
            Assert.Equal(i + 1, entry["content"]!["release"]!.GetValue<int>());
            var proof = (await client.GetAsync($"stadtkern/v1/ledger/proofs/inclusion?index={i}&size=5")).ShouldHaveStatus(200).Object;
            Assert.True(MerkleProof.VerifyInclusion(leaf, i, 5, Proof(proof), first.Root), $"entry {i}");
            var byHash = (await client.GetAsync($"stadtkern/v1/ledger/proofs/inclusion?leafHash={Uri.EscapeDataString(Convert.ToBase64String(leaf))}")).ShouldHaveStatus(200).Object;
            Assert.Equal(i, byHash["index"]!.GetValue<long>());
        }

        await AppendAsync(broker, 6, 3);
        var second = await CheckpointAsync(client);
        Assert.Equal(8, second.Size);
        var consistency = (await client.GetAsync("stadtkern/v1/ledger/proofs/consistency?from=5&to=8")).ShouldHaveStatus(200).Object;
        Assert.True(MerkleProof.VerifyConsistency(5, 8, Proof(consistency), first.Root, second.Root));
        Assert.False(MerkleProof.VerifyConsistency(5, 8, Proof(consistency), MerkleHash.Leaf([1]), second.Root));
    }

    [Theory]
    [InlineData("stadtkern/v1/ledger/entries/x", 400)]
    [InlineData("stadtkern/v1/ledger/entries/9", 404)]
    [InlineData("stadtkern/v1/ledger/proofs/inclusion?index=9", 404)]
    [InlineData("stadtkern/v1/ledger/proofs/inclusion?index=0&size=3", 400)]
    [InlineData("stadtkern/v1/ledger/proofs/inclusion", 400)]
    [InlineData("stadtkern/v1/ledger/proofs/inclusion?index=0&leafHash=AAAA", 400)]
    [InlineData("stadtkern/v1/ledger/proofs/inclusion?leafHash=AAAA", 400)]
    [InlineData("stadtkern/v1/ledger/proofs/inclusion?leafHash=47DEQpj8HBSa%2B%2FTImW%2B5JCeuQeRkm5NMpJWZG3hSuFU%3D", 404)]
    [InlineData("stadtkern/v1/ledger/proofs/inclusion?index=0&colour=red", 400)]
    [InlineData("stadtkern/v1/ledger/proofs/consistency?from=0&to=2", 400)]
    [InlineData("stadtkern/v1/ledger/proofs/consistency?from=2&to=1", 400)]
    [InlineData("stadtkern/v1/ledger/proofs/consistency?from=1&to=3", 400)]
    [InlineData("stadtkern/v1/ledger/proofs/consistency?from=1", 400)]
    public async Task A_bad_request_gets_a_problem_document(string path, int status)
    {
        await using var broker = await TestBroker.StartAsync();
        await AppendAsync(broker, 1, 2);

        var reply = await broker.Client.GetAsync(path);

        Assert.Equal(status, reply.Status);
        Assert.Equal("application/json", reply.MediaType);
        Assert.NotNull(reply.Object["type"]);
    }

    [SkippableFact]
    public async Task The_log_keeps_its_key_across_restarts_and_its_tables_refuse_changes()
    {
        TestDatabases.SkipWhenEnabled("it writes to the SQLite file behind the broker's back");
        using var data = new TempDirectory("ledger");
        string key;
        await using (var first = await TestBroker.StartAsync(dataDirectory: data.Path))
        {
            await AppendAsync(first, 1, 3);
            key = (await first.Client.GetAsync("stadtkern/v1/ledger/key")).Body;
        }
        await using var second = await TestBroker.StartAsync(dataDirectory: data.Path);
        Assert.Equal(key, (await second.Client.GetAsync("stadtkern/v1/ledger/key")).Body);
        Assert.Equal(3, (await CheckpointAsync(second.Client)).Size);

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "stadtkern.db")}");
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE ledger_entries SET body = x'00' WHERE idx = 1", "DELETE FROM ledger_nodes WHERE level = 0", "DELETE FROM ledger_entries" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var refused = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }
    }
}
