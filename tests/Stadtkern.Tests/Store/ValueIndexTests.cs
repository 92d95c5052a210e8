using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Stadtkern.Sqlite;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store;

/// <summary>
/// The value index behind q holds exactly the current scalar values of each attribute, however an update grows, shrinks
/// or rewrites them; and an index of the older, unkeyed shape is carried over by its migration.
/// </summary>
public sealed class ValueIndexTests
{
    private const string Vocab = "https://uri.etsi.org/ngsi-ld/default-context/";

    private static List<string> IndexRows(string directory, string id)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "stadtkern.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT v.attribute, v.n, v.num, v.str FROM attr_values v JOIN entities e ON e.seq = v.seq
            WHERE e.id = $id ORDER BY v.attribute, v.n
            """;
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add($"{reader.GetString(0)[Vocab.Length..]}#{reader.GetInt64(1)}={(reader.IsDBNull(2) ? "" : reader.GetDouble(2).ToString(System.Globalization.CultureInfo.InvariantCulture))}|{(reader.IsDBNull(3) ? "" : reader.GetString(3))}");
        return rows;
    }

    [SkippableFact]
    public async Task Updates_that_grow_shrink_and_rewrite_values_leave_exactly_the_current_values_in_the_index()
    {
        TestDatabases.SkipWhenEnabled("it reads the SQLite file");
        await using var broker = await TestBroker.StartAsync();
        var id = TestData.NewId();
        await broker.Client.CreateOkAsync(TestData.Parse("""
            {"id":"ID","type":"Thing","levels":{"type":"Property","value":[1,2,3]},"name":{"type":"Property","value":"a"},"count":{"type":"Property","value":7}}
            """.Replace("ID", id, StringComparison.Ordinal)));
        Assert.Equal(["count#0=7|", "levels#0=1|", "levels#1=2|", "levels#2=3|", "name#0=|a"], IndexRows(broker.DataDirectory, id));

        (await broker.Client.PatchAsync($"ngsi-ld/v1/entities/{id}/attrs", TestData.Parse("""
            {"levels":{"type":"Property","value":[4]},"name":{"type":"Property","value":"b"},"count":{"type":"Property","value":"seven"}}
            """))).ShouldHaveStatus(204);
        Assert.Equal(["count#0=|seven", "levels#0=4|", "name#0=|b"], IndexRows(broker.DataDirectory, id));

        (await broker.Client.PatchAsync($"ngsi-ld/v1/entities/{id}/attrs", TestData.Parse("""
            {"levels":{"type":"Property","value":[4,5,6]},"count":{"type":"Property","value":{"nested":true}}}
            """))).ShouldHaveStatus(204);
        Assert.Equal(["count#0=|", "levels#0=4|", "levels#1=5|", "levels#2=6|", "name#0=|b"], IndexRows(broker.DataDirectory, id));

        (await broker.Client.DeleteAsync($"ngsi-ld/v1/entities/{id}/attrs/levels")).ShouldHaveStatus(204);
        Assert.Equal(["count#0=|", "name#0=|b"], IndexRows(broker.DataDirectory, id));
        Assert.Equal([id], await broker.Client.QueryIdsAsync(("type", "Thing"), ("q", "name==\"b\"")));
    }

    [SkippableFact]
    public async Task An_index_of_the_older_shape_is_carried_over_with_positions_and_still_answers_q()
    {
        TestDatabases.SkipWhenEnabled("it reads the SQLite file");
        using var directory = new TempDirectory("value-index");
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory.Path, "stadtkern.db"), Pooling = false };
        using (var connection = new SqliteConnection(builder.ToString()))
        {
            connection.Open();
            // The schema before the keyed value index (six migrations), with one entity of a list and a text value.
            SqliteSchema.Migrate(connection, upTo: 6);
            SqliteSchema.Execute(connection, $$"""
                INSERT INTO entities (tenant, id, body) VALUES ('', 'urn:ngsi-ld:Thing:old',
                  '{"id":"urn:ngsi-ld:Thing:old","type":["{{Vocab}}Thing"],"{{Vocab}}levels":[{"type":"Property","value":[8,9]}],"{{Vocab}}name":[{"type":"Property","value":"x"}]}');
                INSERT INTO entity_types (tenant, type, seq) VALUES ('', '{{Vocab}}Thing', 1);
                INSERT INTO attr_values (tenant, attribute, num, str, seq) VALUES
                  ('', '{{Vocab}}levels', 8, NULL, 1), ('', '{{Vocab}}levels', 9, NULL, 1), ('', '{{Vocab}}name', NULL, 'x', 1);
                """);
        }

        await using var broker = await TestBroker.StartAsync(dataDirectory: directory.Path);

        Assert.Equal(["levels#0=8|", "levels#1=9|", "name#0=|x"], IndexRows(directory.Path, "urn:ngsi-ld:Thing:old"));
        Assert.Equal(["urn:ngsi-ld:Thing:old"], await broker.Client.QueryIdsAsync(("type", "Thing"), ("q", "levels==9")));
        (await broker.Client.PatchAsync("ngsi-ld/v1/entities/urn:ngsi-ld:Thing:old/attrs", TestData.Parse("""{"levels":{"type":"Property","value":[10]}}""")))
            .ShouldHaveStatus(204);
        Assert.Equal(["levels#0=10|", "name#0=|x"], IndexRows(directory.Path, "urn:ngsi-ld:Thing:old"));
    }
}
