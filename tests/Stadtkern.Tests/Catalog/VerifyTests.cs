using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Stadtkern.Host.Verify;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Catalog.DatasetDocuments;

namespace Stadtkern.Tests.Catalog;

/// <summary>
/// <c>stadtkern verify</c> as a data consumer runs it: a published file verifies; a changed byte, a rewritten ledger
/// entry and a forked log are each detected, named, and give a non-zero exit code.
/// </summary>
public sealed class VerifyTests : IDisposable
{
    private readonly TempDirectory _state = new("verify");

    private string StateFile => Path.Combine(_state.Path, "state.json");

    public void Dispose() => _state.Dispose();

    private static async Task<(string Id, JsonObject Release)> PublishAsync(TestBroker broker, string csv)
    {
        var id = NewId("verified");
        await DefineAsync(broker.Client, Upload(id));
        await UploadAsync(broker.Client, id, csv);
        return (id, await PublishOkAsync(broker.Client, id));
    }

    private async Task<VerifyOutcome> VerifyAsync(TestBroker broker, string id, JsonObject release, byte[] file, string format = "csv")
    {
        var name = release["distributions"]!.AsArray().Single(d => d!["format"]!.GetValue<string>() == format)!["fileName"]!.GetValue<string>();
        return await new DistributionVerifier(broker.Http, new CheckpointMemory(StateFile))
            .VerifyAsync(broker.Address, id, release["release"]!.GetValue<int>(), name, file, CancellationToken.None);
    }

    private static async Task<int> RunCliAsync(params string[] args)
    {
        using var output = new StringWriter();
        return await Host.Cli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
    }

    [Fact]
    public async Task A_published_file_verifies_and_a_changed_byte_is_detected_by_url_and_by_file()
    {
        await using var broker = await TestBroker.StartAsync();
        var (id, release) = await PublishAsync(broker, "station,no2\nA,40\nB,42\n");
        var url = release["distributions"]!.AsArray().Single(d => d!["format"]!.GetValue<string>() == "parquet")!["url"]!.GetValue<string>();

        Assert.Equal(0, await RunCliAsync("verify", url, "--state", StateFile));

        var bytes = await DownloadAsync(broker.Client, release, "csv");
        var outcome = await VerifyAsync(broker, id, release, bytes);
        Assert.Equal(VerifyVerdict.Verified, outcome.Verdict);
        Assert.Contains(outcome.Passed, p => p.Contains("consistent with the checkpoint seen before", StringComparison.Ordinal));

        bytes[^3] ^= 0x01;
        var changed = await VerifyAsync(broker, id, release, bytes);
        Assert.Equal(VerifyVerdict.FileChanged, changed.Verdict);
        var file = Path.Combine(_state.Path, $"{id}-1.csv");
        await File.WriteAllBytesAsync(file, bytes);
        Assert.Equal(2, await RunCliAsync("verify", file, "--server", broker.Address.ToString(), "--state", StateFile));
    }

    [SkippableFact]
    public async Task A_rewritten_ledger_entry_is_detected_as_rewritten_history()
    {
        TestDatabases.SkipWhenEnabled("it rewrites the embedded store's ledger table directly");
        await using var broker = await TestBroker.StartAsync();
        var (id, release) = await PublishAsync(broker, "station,no2\nA,40\n");
        var bytes = await DownloadAsync(broker.Client, release, "csv");
        Assert.Equal(VerifyVerdict.Verified, (await VerifyAsync(broker, id, release, bytes)).Verdict);

        // An operator with database access swaps the logged manifest for one naming a doctored file.
        bytes[^2] = (byte)'9';
        var manifest = release["manifest"]!.AsObject();
        manifest["distributions"]![0]!["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(broker.DataDirectory, "stadtkern.db")}"))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "DROP TRIGGER ledger_entries_append_only_update; UPDATE ledger_entries SET body = $body WHERE idx = $idx";
            command.Parameters.AddWithValue("$body", System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
            command.Parameters.AddWithValue("$idx", release["ledgerIndex"]!.GetValue<long>());
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var outcome = await VerifyAsync(broker, id, release, bytes);

        Assert.Equal(VerifyVerdict.HistoryRewritten, outcome.Verdict);
        Assert.Contains("rewritten", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_log_under_the_same_key_and_origin_is_detected_as_a_fork()
    {
        await using var first = await TestBroker.StartAsync(o => o.LedgerOrigin = "stadt.example/catalog");
        var (id, release) = await PublishAsync(first, "station,no2\nA,40\n");
        Assert.Equal(VerifyVerdict.Verified, (await VerifyAsync(first, id, release, await DownloadAsync(first.Client, release, "csv"))).Verdict);

        // The same signing key and origin, but a history of its own: what a split-view attack shows another verifier.
        using var forkDirectory = new TempDirectory("fork");
        File.Copy(Path.Combine(first.DataDirectory, Stadtkern.Ledger.LedgerSigner.FileName), Path.Combine(forkDirectory.Path, Stadtkern.Ledger.LedgerSigner.FileName));
        await using var fork = await TestBroker.StartAsync(o => o.LedgerOrigin = "stadt.example/catalog", forkDirectory.Path);
        await PublishAsync(fork, "station,no2\nZ,1\n");
        var (forkId, forkRelease) = await PublishAsync(fork, "station,no2\nY,2\n");

        var outcome = await VerifyAsync(fork, forkId, forkRelease, await DownloadAsync(fork.Client, forkRelease, "csv"));

        Assert.Equal(VerifyVerdict.LogForked, outcome.Verdict);
        Assert.Equal(4, outcome.ExitCode);
    }
}
