using Microsoft.Data.Sqlite;
using Stadtkern.Sqlite;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Temporal.TemporalTestData;

namespace Stadtkern.Tests.Temporal;

/// <summary>A data directory written before the temporal tables existed keeps its history: the migration moves every row.</summary>
public sealed class HistoryMigrationTests
{
    [SkippableFact]
    public async Task History_rows_of_the_old_schema_become_temporal_instances_in_their_order()
    {
        TestDatabases.SkipWhenEnabled("it migrates an old SQLite schema");
        using var directory = new TempDirectory("migration");
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory.Path, "stadtkern.db"), Pooling = false };
        using (var connection = new SqliteConnection(builder.ToString()))
        {
            connection.Open();
            // The schema as the foundation release left it (five migrations), with one entity and three history rows.
            SqliteSchema.Migrate(connection, upTo: 5);
            SqliteSchema.Execute(connection, """
                INSERT INTO entities (tenant, id, body) VALUES ('', 'urn:ngsi-ld:Thing:old',
                  '{"id":"urn:ngsi-ld:Thing:old","type":["https://uri.etsi.org/ngsi-ld/default-context/Thing"]}');
                INSERT INTO attribute_history (tenant, entity_id, attribute, instance, recorded_at) VALUES
                  ('', 'urn:ngsi-ld:Thing:old', 'https://uri.etsi.org/ngsi-ld/default-context/level', '{"type":"Property","value":1,"observedAt":"2024-01-01T00:00:00Z"}', '2024-01-01T00:00:01Z'),
                  ('', 'urn:ngsi-ld:Thing:old', 'https://uri.etsi.org/ngsi-ld/default-context/level', '{"type":"Property","value":2,"observedAt":"2024-01-01T01:00:00Z"}', '2024-01-01T01:00:01Z'),
                  ('', 'urn:ngsi-ld:Thing:old', 'https://uri.etsi.org/ngsi-ld/default-context/level', '{"type":"Property","value":"high","datasetId":"urn:ds:1"}', '2024-01-01T02:00:01Z');
                """);
        }

        await using var broker = await TestBroker.StartAsync(dataDirectory: directory.Path);
        var reply = await broker.Client.GetAsync(EntityPath("urn:ngsi-ld:Thing:old") + "?options=temporalValues&timeproperty=modifiedAt");

        var entity = reply.ShouldHaveStatus(200).Object;
        Assert.Equal("Thing", entity["type"]!.GetValue<string>());
        var series = entity["level"]!.AsArray();
        Assert.Equal(2, series.Count);
        var defaults = series.Single(s => s!["datasetId"] is null)!["values"]!.AsArray();
        Assert.Equal([(1.0, "2024-01-01T00:00:01Z"), (2.0, "2024-01-01T01:00:01Z")],
            defaults.Select(p => (p![0]!.GetValue<double>(), p[1]!.GetValue<string>())));
        var dataset = series.Single(s => s!["datasetId"] is not null)!["values"]!.AsArray();
        Assert.Equal("high", Assert.Single(dataset)![0]!.GetValue<string>());
    }
}
