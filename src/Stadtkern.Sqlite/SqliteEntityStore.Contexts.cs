using System.Text.Json.Nodes;
using Stadtkern.Model;
using Stadtkern.Store;

namespace Stadtkern.Sqlite;

public sealed partial class SqliteEntityStore
{
    public Task AddAsync(HostedContext context, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO jsonld_contexts (id, url, document, created_at, kind) VALUES ($id, $url, $doc, $at, $kind)";
            command.Parameters.AddWithValue("$id", context.Id);
            command.Parameters.AddWithValue("$url", context.Url);
            command.Parameters.AddWithValue("$doc", context.Document.ToJsonString());
            command.Parameters.AddWithValue("$at", Validation.Format(context.CreatedAt));
            command.Parameters.AddWithValue("$kind", context.Kind.ToString());
            return command.ExecuteNonQuery();
        }, cancellation);

    public async Task<HostedContext?> GetAsync(string id, CancellationToken cancellation) =>
        (await ReadContextsAsync("WHERE id = $p", id, cancellation)).FirstOrDefault();

    public async Task<HostedContext?> FindContextByUrlAsync(string url, CancellationToken cancellation) =>
        (await ReadContextsAsync("WHERE url = $p", url, cancellation)).FirstOrDefault();

    public async Task<IReadOnlyList<HostedContext>> ListAsync(CancellationToken cancellation) =>
        await ReadContextsAsync("", null, cancellation);

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellation) =>
        await Writer.RunAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM jsonld_contexts WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() > 0;
        }, cancellation);

    private async Task<List<HostedContext>> ReadContextsAsync(string where, string? parameter, CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, url, document, created_at, kind FROM jsonld_contexts {where} ORDER BY created_at";
        if (parameter is not null) command.Parameters.AddWithValue("$p", parameter);
        var result = new List<HostedContext>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            Validation.TryParseDateTime(reader.GetString(3), out var at);
            var kind = Enum.TryParse<ContextKind>(reader.GetString(4), out var k) ? k : ContextKind.Hosted;
            result.Add(new HostedContext(reader.GetString(0), reader.GetString(1), (JsonObject)JsonNode.Parse(reader.GetString(2))!, at, kind));
        }
        return result;
    }
}
