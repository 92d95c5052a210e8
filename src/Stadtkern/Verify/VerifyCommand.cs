using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Stadtkern.Host.Verify;

/// <summary>
/// <c>stadtkern verify URL</c> and <c>stadtkern verify FILE --server URL</c>: checks a published file against its
/// logged checksum, its inclusion in the signed log, and the log's consistency with the checkpoint seen before. Exit
/// code 0 verified, 1 could not ask, 2 file changed, 3 history rewritten, 4 log forked, 5 bad signature or key.
/// </summary>
internal static partial class VerifyCommand
{
    [GeneratedRegex(@"^(?<server>https?://.+?)/stadtkern/v1/datasets/(?<id>[a-z0-9-]+)/releases/(?<n>\d+)/files/(?<file>[^/?#]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex DownloadUrl();

    [GeneratedRegex(@"^(?<id>[a-z0-9][a-z0-9-]*)-(?<n>\d+)\.[a-z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();

    public static Command Build()
    {
        var target = new Argument<string>("target") { Description = "A file's download URL, or a downloaded file (then --server)." };
        var server = new Option<string?>("--server") { Description = "The Stadtkern that published the file (with a local file)." };
        var dataset = new Option<string?>("--dataset") { Description = "The dataset id, when the file name is not {dataset}-{release}.{ext}." };
        var release = new Option<int?>("--release") { Description = "The release number, when the file name does not say it." };
        var state = new Option<string?>("--state") { Description = $"Where the key and checkpoint seen are kept between runs (default {CheckpointMemory.DefaultPath})." };
        var key = new Option<string?>("--key") { Description = "The log's verifier key, when known from elsewhere (otherwise the first one seen is trusted and remembered)." };
        var command = new Command("verify", "Verify a published file: checksum, inclusion in the signed ledger, consistency with the checkpoint seen before.")
        {
            target, server, dataset, release, state, key,
        };
        command.SetAction(async (result, cancellation) =>
        {
            try
            {
                var (serverUri, id, number, fileName, bytes) = await ResolveAsync(result.GetValue(target)!, result.GetValue(server), result.GetValue(dataset),
                    result.GetValue(release), cancellation);
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
                var memory = new CheckpointMemory(result.GetValue(state) ?? CheckpointMemory.DefaultPath);
                var outcome = await new DistributionVerifier(http, memory, result.GetValue(key)).VerifyAsync(serverUri, id, number, fileName, bytes, cancellation);
                foreach (var step in outcome.Passed) Console.WriteLine("ok   " + step);
                if (outcome.Reason is not null) await Console.Error.WriteLineAsync($"FAIL {outcome.Verdict}: {outcome.Reason}");
                else Console.WriteLine($"verified: {fileName} is release {number} of '{id}' as published");
                return outcome.ExitCode;
            }
            catch (Exception e) when (e is ArgumentException or HttpRequestException or IOException or TaskCanceledException or System.Text.Json.JsonException)
            {
                await Console.Error.WriteLineAsync("verify: " + e.Message);
                return (int)VerifyVerdict.Unavailable;
            }
        });
        return command;
    }

    private static async Task<(Uri Server, string Id, int Release, string FileName, byte[] Bytes)> ResolveAsync(string target, string? server, string? dataset, int? release,
        CancellationToken cancellation)
    {
        if (DownloadUrl().Match(target) is { Success: true } url)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            var bytes = await http.GetByteArrayAsync(new Uri(target), cancellation);
            return (new Uri(url.Groups["server"].Value), url.Groups["id"].Value, int.Parse(url.Groups["n"].Value, CultureInfo.InvariantCulture),
                Uri.UnescapeDataString(url.Groups["file"].Value), bytes);
        }
        if (!File.Exists(target)) throw new ArgumentException($"'{target}' is neither a Stadtkern download URL nor a file.");
        if (server is null || !Uri.TryCreate(server, UriKind.Absolute, out var serverUri)) throw new ArgumentException("A local file needs --server URL.");
        var name = Path.GetFileName(target);
        var parsed = FileName().Match(name);
        var id = dataset ?? (parsed.Success ? parsed.Groups["id"].Value : throw new ArgumentException($"'{name}' does not say its dataset: give --dataset and --release."));
        var number = release ?? (parsed.Success ? int.Parse(parsed.Groups["n"].Value, CultureInfo.InvariantCulture) : throw new ArgumentException("Give --release."));
        return (serverUri, id, number, name, await File.ReadAllBytesAsync(target, cancellation));
    }
}
