using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Stadtkern.Tests.Support;
using static Stadtkern.Tests.Temporal.TemporalTestData;

namespace Stadtkern.Tests.Temporal;

/// <summary>
/// Aggregations whose periods fall on hour boundaries are summed from hourly rollups. The rollups follow every write and
/// deletion of instances exactly, and give the same answer as aggregating the instances themselves.
/// </summary>
public sealed class HourlyRollupTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    private static string At(int minutes) =>
        new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(minutes).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Every rollup row beside the same summary computed from the instances, rounded so that summation order does not matter.</summary>
    private List<(string Stored, string Computed)> RollupsAgainstInstances()
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_broker.DataDirectory, "stadtkern.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        static List<string> Read(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
                rows.Add(string.Join(' ', Enumerable.Range(0, 8).Select(i => reader.IsDBNull(i) ? "-" : Math.Round(reader.GetDouble(i), 6).ToString(CultureInfo.InvariantCulture))));
            return rows;
        }
        var stored = Read(connection, "SELECT sid, hour, n, nnum, sum, sumsq, min, max FROM temporal_rollups ORDER BY sid, hour");
        var computed = Read(connection, """
            SELECT sid, hour, COUNT(*), COUNT(num), TOTAL(num), TOTAL(num * num), MIN(num), MAX(num)
            FROM (SELECT sid, observed_at - (((observed_at % 3600000000) + 3600000000) % 3600000000) AS hour, num
                  FROM temporal_instances WHERE observed_at IS NOT NULL)
            GROUP BY sid, hour ORDER BY sid, hour
            """);
        Assert.Equal(computed.Count, stored.Count);
        return stored.Zip(computed).ToList();
    }

    private void AssertRollupsMatchInstances()
    {
        foreach (var (stored, computed) in RollupsAgainstInstances()) Assert.Equal(computed, stored);
    }

    [SkippableFact]
    public async Task Rollups_follow_inserts_modifications_moves_and_deletions_of_instances()
    {
        TestDatabases.SkipWhenEnabled("it reads the SQLite roll-up table");
        var id = TestData.NewId("Sensor");
        var random = new Random(7);
        var readings = Enumerable.Range(0, 120).Select(i => (Math.Round(random.NextDouble() * 100, 2), At(i * 7))).ToArray();
        await CreateOkAsync(_broker.Client, Series(id, "Sensor", "level", readings));
        AssertRollupsMatchInstances();

        var instances = (await _broker.Client.GetAsync(EntityPath(id) + "?lastN=1000")).Object["level"]!.AsArray();
        string InstancePath(int i) => $"{EntityPath(id)}/attrs/level/{Uri.EscapeDataString(instances[i]!["instanceId"]!.GetValue<string>())}";
        // The hour's maximum lowered, an instance moved to another hour, the hour's minimum deleted, a text value.
        var maxOfFirstHour = Enumerable.Range(0, 9).MaxBy(i => readings[i].Item1);
        (await _broker.Client.PatchAsync(InstancePath(maxOfFirstHour), TestData.Parse($$"""{"type":"Property","value":-5,"observedAt":"{{readings[maxOfFirstHour].Item2}}"}""")))
            .ShouldHaveStatus(204);
        (await _broker.Client.PatchAsync(InstancePath(20), TestData.Parse($$"""{"type":"Property","value":12.5,"observedAt":"{{At(60 * 20 + 1)}}"}"""))).ShouldHaveStatus(204);
        var minOfSecondHour = Enumerable.Range(9, 8).MinBy(i => readings[i].Item1);
        (await _broker.Client.DeleteAsync(InstancePath(minOfSecondHour))).ShouldHaveStatus(204);
        (await _broker.Client.PatchAsync(InstancePath(30), TestData.Parse($$"""{"type":"Property","value":"off","observedAt":"{{readings[30].Item2}}"}"""))).ShouldHaveStatus(204);
        AssertRollupsMatchInstances();

        (await _broker.Client.DeleteAsync($"{EntityPath(id)}/attrs/level")).ShouldHaveStatus(204);
        AssertRollupsMatchInstances();
        (await _broker.Client.DeleteAsync(EntityPath(id))).ShouldHaveStatus(204);
        AssertRollupsMatchInstances();
    }

    [Theory]
    [InlineData("PT1H", "")]
    [InlineData("PT3H", "")]
    [InlineData("P1D", "")]
    [InlineData("PT2H", "&timerel=between&timeAt=2024-03-01T04:00:00Z&endTimeAt=2024-03-01T10:00:00Z")]
    [InlineData("PT1H", "&timerel=after&timeAt=2024-03-01T05:00:00Z")]
    [InlineData("PT1H", "&timerel=before&timeAt=2024-03-01T07:00:00Z")]
    public async Task Periods_on_hour_boundaries_summed_from_rollups_equal_the_aggregation_of_the_instances(string period, string window)
    {
        var id = TestData.NewId("Sensor");
        var random = new Random(period.Length + window.Length);
        await CreateOkAsync(_broker.Client, Series(id, "Sensor", "level",
            Enumerable.Range(0, 200).Select(i => (Math.Round(random.NextDouble() * 50 - 10, 3), At(i * 5))).ToArray()));
        const string methods = "totalCount,sum,avg,min,max,stddev,sumsq";

        // distinctCount cannot come from a summary, so with it the core aggregates the instances themselves.
        var summed = (await _broker.Client.GetAsync(EntityPath(id) + $"?options=aggregatedValues&aggrMethods={methods}&aggrPeriodDuration={period}{window}"))
            .ShouldHaveStatus(200).Object;
        var computed = (await _broker.Client.GetAsync(EntityPath(id) + $"?options=aggregatedValues&aggrMethods={methods},distinctCount&aggrPeriodDuration={period}{window}"))
            .ShouldHaveStatus(200).Object;

        AssertSameAggregates(computed, summed, "level", methods, precision: 6);
    }

    [Fact]
    public async Task A_text_value_in_an_hour_sends_that_series_back_to_its_instances()
    {
        var id = TestData.NewId("Sensor");
        var body = Series(id, "Sensor", "level", (1, At(0)), (3, At(10)));
        body["level"]!.AsArray().Add(new JsonObject { ["type"] = "Property", ["value"] = "broken", ["observedAt"] = At(20) });
        await CreateOkAsync(_broker.Client, body);

        var level = (await _broker.Client.GetAsync(EntityPath(id) + "?options=aggregatedValues&aggrMethods=totalCount,max&aggrPeriodDuration=PT1H"))
            .ShouldHaveStatus(200).Object["level"]!;

        Assert.Equal(3, level["totalCount"]![0]![0]!.GetValue<int>());
    }
}
