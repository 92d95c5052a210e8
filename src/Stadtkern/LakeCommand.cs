using System.CommandLine;
using System.Globalization;
using Stadtkern.Lake;

namespace Stadtkern.Host;

/// <summary><c>stadtkern lake list|show|export|dead-letters|replay --data DIR</c>: the raw lake read straight from the data directory.</summary>
internal static class LakeCommand
{
    public static Command Build()
    {
        var command = new Command("lake", "Read the raw data lake: every message as it arrived.");
        var data = new Option<string>("--data") { Description = "Data directory (default ./stadtkern-data).", DefaultValueFactory = _ => "./stadtkern-data" };
        var tenant = new Option<string>("--tenant") { Description = "Tenant (default: the default tenant).", DefaultValueFactory = _ => "" };
        var source = new Option<string>("--source") { Description = "Source: http, mqtt or import.", Required = true };
        var day = new Option<string>("--day") { Description = "Day, yyyy-MM-dd (UTC).", Required = true };
        var limit = new Option<int>("--limit") { Description = "Most records shown.", DefaultValueFactory = _ => 20 };

        var list = new Command("list", "List the partitions (tenant, source, day).") { data };
        list.SetAction(async (result, cancellation) =>
        {
            await using var lake = new RawLake(result.GetValue(data)!, readOnly: true);
            Console.WriteLine($"{"tenant",-20} {"source",-8} {"day",-10} {"segments",8} {"bytes",12}");
            foreach (var p in lake.Partitions())
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(p.Tenant.Length == 0 ? "(default)" : p.Tenant),-20} {p.Source,-8} {p.Day:yyyy-MM-dd} {p.Segments,8} {p.Bytes,12}"));
            return 0;
        });

        var show = new Command("show", "Show the first records of a partition.") { data, tenant, source, day, limit };
        show.SetAction(async (result, cancellation) =>
        {
            await using var lake = new RawLake(result.GetValue(data)!, readOnly: true);
            var shown = 0;
            await foreach (var record in lake.ReadAsync(result.GetValue(tenant)!, result.GetValue(source)!, ParseDay(result.GetValue(day)!), cancellation))
            {
                Console.WriteLine($"{Model.Validation.Format(record.ReceivedAt)} {record.Channel} {record.ContentType} {record.Payload.Length} bytes sha256={record.Sha256}");
                if (++shown >= result.GetValue(limit)) break;
            }
            return 0;
        });

        var export = new Command("export", "Write a partition as NDJSON (as stored) to standard output.") { data, tenant, source, day };
        export.SetAction(async (result, cancellation) =>
        {
            await using var lake = new RawLake(result.GetValue(data)!, readOnly: true);
            await foreach (var line in lake.ReadLinesAsync(result.GetValue(tenant)!, result.GetValue(source)!, ParseDay(result.GetValue(day)!), cancellation))
                await Console.Out.WriteLineAsync(line);
            return 0;
        });

        var into = new Option<string>("--into") { Description = "An empty data directory to rebuild the store in.", Required = true };
        var replay = new Command("replay", "Rebuild entities and history from the lake into an empty data directory.") { data, into };
        replay.SetAction(async (result, cancellation) =>
        {
            var summary = await LakeReplay.RunAsync(result.GetValue(data)!, result.GetValue(into)!,
                n => Console.Error.Write($"\r{n:N0} records replayed"), cancellation);
            Console.Error.WriteLine();
            Console.WriteLine($"{summary.Records} records: {summary.Succeeded} applied, {summary.Refused} refused again, {summary.Skipped} skipped");
            return 0;
        });

        var since = new Option<string?>("--since") { Description = "Only letters received at or after this DateTime (ISO 8601)." };
        var from = new Option<string?>("--source") { Description = "Only letters whose message came from this source: mqtt or http." };
        var letters = new Command("dead-letters", "List what ingestion refused, newest first, with the reason and the payload.") { data, tenant, since, from, limit };
        letters.SetAction(async (result, cancellation) =>
        {
            DateTimeOffset? start = null;
            if (result.GetValue(since) is { } text)
                start = Model.Validation.TryParseDateTime(text, out var at) ? at : throw new ArgumentException($"'{text}' is not a DateTime (ISO 8601).");
            await using var lake = new RawLake(result.GetValue(data)!, readOnly: true);
            var output = result.InvocationConfiguration.Output;
            var shown = 0;
            await foreach (var letter in Ingest.DeadLetter.NewestFirstAsync(lake, result.GetValue(tenant)!, start, result.GetValue(from), cancellation))
            {
                if (shown++ >= result.GetValue(limit)) break;
                await output.WriteLineAsync(DeadLetterText(letter));
            }
            return 0;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(letters);
        command.Subcommands.Add(replay);
        command.Subcommands.Add(show);
        command.Subcommands.Add(export);
        return command;
    }

    private static string DeadLetterText(Ingest.DeadLetter letter) =>
        $"{Model.Validation.Format(letter.ReceivedAt)} {letter.Source} {letter.Channel}\n"
        + $"  reason:  {letter.Reason}\n"
        + (letter.Payload is { } payload
            ? $"  payload: {payload}\n"
            : string.Create(CultureInfo.InvariantCulture, $"  payload: {letter.Size} bytes, kept in the lake partition {letter.Source}/{letter.Day:yyyy-MM-dd}\n"))
        + $"  sha256:  {letter.Sha256}";

    private static DateOnly ParseDay(string text) =>
        LakePartition.TryParseDay(text, out var day)
            ? day : throw new ArgumentException($"'{text}' is not a day (yyyy-MM-dd).");
}
