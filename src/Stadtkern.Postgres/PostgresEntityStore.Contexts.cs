using System.Text.Json.Nodes;
using Stadtkern.Store;

namespace Stadtkern.Postgres;

public sealed partial class PostgresEntityStore
{
    public Task AddAsync(HostedContext context, CancellationToken cancellation) =>
        WriteAndAnnounceAsync(Nodes.NodeNoticeKind.Contexts, null, context.Id, command =>
        {
            using var insert = command("INSERT INTO jsonld_contexts (id, url, document, created_at, kind) VALUES (@id, @url, @document, @at, @kind)");
            insert.Parameters.AddWithValue("id", context.Id);
            insert.Parameters.AddWithValue("url", context.Url);
            insert.Parameters.Add(Jsonb("document", context.Document.ToJsonString()));
            insert.Parameters.AddWithValue("at", context.CreatedAt.ToUniversalTime());
            insert.Parameters.AddWithValue("kind", context.Kind.ToString());
            return insert.ExecuteNonQuery();
        }, cancellation);

    public async Task<HostedContext?> GetAsync(string id, CancellationToken cancellation) =>
        (await ReadContextsAsync("WHERE id = @p", id, cancellation)).FirstOrDefault();

    public async Task<IReadOnlyList<HostedContext>> ListAsync(CancellationToken cancellation) =>
        await ReadContextsAsync("", null, cancellation);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellation) =>
        WriteAndAnnounceAsync(Nodes.NodeNoticeKind.Contexts, null, id, command =>
        {
            using var delete = command("DELETE FROM jsonld_contexts WHERE id = @id");
            delete.Parameters.AddWithValue("id", id);
            return delete.ExecuteNonQuery() > 0;
        }, cancellation);

    private async Task<List<HostedContext>> ReadContextsAsync(string where, string? parameter, CancellationToken cancellation)
    {
        await using var command = Read($"SELECT id, url, document::text, created_at, kind FROM jsonld_contexts {where} ORDER BY created_at, id");
        if (parameter is not null) command.Parameters.AddWithValue("p", parameter);
        var result = new List<HostedContext>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var kind = Enum.TryParse<ContextKind>(reader.GetString(4), out var k) ? k : ContextKind.Hosted;
            result.Add(new HostedContext(reader.GetString(0), reader.GetString(1), (JsonObject)JsonNode.Parse(reader.GetString(2))!,
                reader.GetFieldValue<DateTimeOffset>(3), kind));
        }
        return result;
    }
}
