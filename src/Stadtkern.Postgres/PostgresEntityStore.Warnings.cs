using System.Text.Json.Nodes;
using Npgsql;
using Stadtkern.Errors;
using Stadtkern.Store;
using Stadtkern.Warnings;

namespace Stadtkern.Postgres;

/// <summary>Public warnings, one row each (the document as JSONB, a version for optimistic concurrency), and their change log.</summary>
public sealed partial class PostgresEntityStore : IWarningStore
{
    public Task CreateWarningAsync(Warning warning, WarningEvent created, CancellationToken cancellation) =>
        WriteAsync(command =>
        {
            using var insert = command("INSERT INTO warnings (id, version, body) VALUES (@id, @version, @body) ON CONFLICT (id) DO NOTHING");
            insert.Parameters.AddWithValue("id", warning.Id);
            insert.Parameters.AddWithValue("version", warning.Version);
            insert.Parameters.Add(Jsonb("body", warning.ToJson().ToJsonString()));
            if (insert.ExecuteNonQuery() == 0) throw new NgsiLdException(ErrorType.AlreadyExists, $"Warning {warning.Id} already exists.");
            return AppendEvent(command, created);
        }, cancellation);

    public Task<bool> SaveWarningAsync(Warning warning, int expectedVersion, WarningEvent change, CancellationToken cancellation) =>
        WriteAsync(command =>
        {
            using var update = command("UPDATE warnings SET version = @version, body = @body WHERE id = @id AND version = @expected");
            update.Parameters.AddWithValue("id", warning.Id);
            update.Parameters.AddWithValue("version", warning.Version);
            update.Parameters.AddWithValue("expected", expectedVersion);
            update.Parameters.Add(Jsonb("body", warning.ToJson().ToJsonString()));
            return update.ExecuteNonQuery() > 0 && AppendEvent(command, change);
        }, cancellation);

    public async Task<Warning?> GetWarningAsync(string id, CancellationToken cancellation) =>
        (await ReadWarningsAsync("WHERE id = @id", id, cancellation)).SingleOrDefault();

    public Task<IReadOnlyList<Warning>> ListWarningsAsync(CancellationToken cancellation) => ReadWarningsAsync("", null, cancellation);

    public async Task<IReadOnlyList<WarningEvent>> WarningHistoryAsync(string id, CancellationToken cancellation)
    {
        await using var command = Read("SELECT action, user_name, at, alert::text FROM warning_events WHERE warning_id = @id ORDER BY seq");
        command.Parameters.AddWithValue("id", id);
        var events = new List<WarningEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            CapVocabulary.TryParseTime(reader.GetString(2), out var at);
            events.Add(new WarningEvent(id, reader.GetString(0), reader.GetString(1), at, AlertDocument.Read(JsonNode.Parse(reader.GetString(3))!)));
        }
        return events;
    }

    private async Task<IReadOnlyList<Warning>> ReadWarningsAsync(string where, string? id, CancellationToken cancellation)
    {
        await using var command = Read($"SELECT body::text, version FROM warnings {where} ORDER BY seq");
        if (id is not null) command.Parameters.AddWithValue("id", id);
        var warnings = new List<Warning>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            warnings.Add(Warning.FromJson((JsonObject)JsonNode.Parse(reader.GetString(0))!, reader.GetInt32(1)));
        return warnings;
    }

    private static bool AppendEvent(Func<string, NpgsqlCommand> command, WarningEvent change)
    {
        using var insert = command("INSERT INTO warning_events (warning_id, action, user_name, at, alert) VALUES (@id, @action, @user, @at, @alert)");
        insert.Parameters.AddWithValue("id", change.WarningId);
        insert.Parameters.AddWithValue("action", change.Action);
        insert.Parameters.AddWithValue("user", change.User);
        insert.Parameters.AddWithValue("at", CapVocabulary.FormatTime(change.At));
        insert.Parameters.Add(Jsonb("alert", change.Alert.ToJson().ToJsonString()));
        return insert.ExecuteNonQuery() > 0;
    }
}
