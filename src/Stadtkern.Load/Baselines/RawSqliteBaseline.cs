using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Stadtkern.Load.Baselines;

/// <summary>
/// The ingestion baseline: the same number of attribute instances written straight into SQLite in the most compact form
/// (integer keys, the time as integer microseconds, the numeric value, the broker's (sid, observed_at, num) index; no JSON),
/// one prepared statement, one transaction per batch of the size of one broker request, WAL and synchronous=FULL.
/// </summary>
public static class RawSqliteBaseline
{
    /// <summary>Rows per second for transactions of <paramref name="batch"/> rows: a short run of about <paramref name="budget"/> (at least one transaction).</summary>
    public static double RowsPerSecond(int batch, TimeSpan budget)
    {
        // A first small run sizes the measured one, so that a slow disk does not make it run long.
        var probeRows = batch * 20L;
        var probe = Run(probeRows, batch, 1000);
        var rows = Math.Max(batch, (long)(probeRows / Math.Max(probe, 1e-6) * budget.TotalSeconds) / batch * batch);
        return rows / Math.Max(Run(rows, batch, 1000), 1e-6);
    }

    /// <summary>Inserts <paramref name="rows"/> rows in transactions of <paramref name="batch"/> rows over <paramref name="series"/> series; returns the seconds it took.</summary>
    public static double Run(long rows, int batch, int series)
    {
        var directory = Directory.CreateTempSubdirectory("stadtkern-bench-raw-");
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(directory.FullName, "raw.db")};Pooling=False");
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768;");
            Execute(connection, """
                CREATE TABLE raw_instances (iid INTEGER PRIMARY KEY, sid INTEGER NOT NULL, observed_at INTEGER NOT NULL, num REAL);
                CREATE INDEX raw_instances_observed ON raw_instances (sid, observed_at, num);
                """);
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO raw_instances (sid, observed_at, num) VALUES ($sid, $at, $num)";
            var sid = insert.Parameters.Add("$sid", SqliteType.Integer);
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            var num = insert.Parameters.Add("$num", SqliteType.Real);
            insert.Prepare();
            var random = new Random(1);
            var epoch = CityEntities.Epoch.ToUnixTimeMilliseconds() * 1000;
            var clock = Stopwatch.StartNew();
            for (long done = 0, request = 0; done < rows; request++)
            {
                using var tx = connection.BeginTransaction();
                insert.Transaction = tx;
                // Like ingest-batch.lua: each batch is the next block of series, all at the batch's instant.
                var first = request * batch % series;
                for (var i = 0; i < batch && done < rows; i++, done++)
                {
                    sid.Value = (first + i) % series + 1;
                    at.Value = epoch + request * 1_000_000;
                    num.Value = random.NextDouble() * 100;
                    insert.ExecuteNonQuery();
                }
                tx.Commit();
            }
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            try { directory.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
