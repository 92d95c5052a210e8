using System.Text.Json.Nodes;
using Npgsql;
using Stadtkern.Nodes;

namespace Stadtkern.Postgres;

/// <summary>
/// What a node changed, announced to the other nodes with <c>pg_notify</c> inside the change's own transaction: PostgreSQL
/// delivers it at commit (and not at all on rollback), and folds identical notices of one transaction into one.
/// </summary>
internal static class PostgresNotices
{
    public const string Channel = "stadtkern_nodes";

    // PostgreSQL refuses payloads of 8000 bytes and more; a longer name is announced as "all of that kind".
    private const int MaxPayload = 7000;

    public static string Payload(string node, NodeNoticeKind kind, string? tenant, string? id)
    {
        var payload = new JsonObject { ["node"] = node, ["kind"] = kind.ToString(), ["tenant"] = tenant, ["id"] = id }.ToJsonString();
        return System.Text.Encoding.UTF8.GetByteCount(payload) <= MaxPayload ? payload
            : new JsonObject { ["node"] = node, ["kind"] = kind.ToString() }.ToJsonString();
    }

    /// <summary>Announces a change in the transaction of <paramref name="command"/>.</summary>
    public static void Announce(Func<string, NpgsqlCommand> command, string node, NodeNoticeKind kind, string? tenant = null, string? id = null)
    {
        using var notify = command($"SELECT pg_notify('{Channel}', @payload)");
        notify.Parameters.AddWithValue("payload", Payload(node, kind, tenant, id));
        notify.ExecuteNonQuery();
    }

    /// <summary>The node that sent a payload and what it changed; null for a payload this version does not understand.</summary>
    public static (string Node, NodeNotice Notice)? Parse(string payload)
    {
        try
        {
            if (JsonNode.Parse(payload) is not JsonObject o || o["node"]?.GetValue<string>() is not { } node
                || !Enum.TryParse<NodeNoticeKind>(o["kind"]?.GetValue<string>(), out var kind)) return null;
            return (node, new NodeNotice(kind, o["tenant"]?.GetValue<string>(), o["id"]?.GetValue<string>()));
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
