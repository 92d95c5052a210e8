using Microsoft.Data.Sqlite;

namespace Stadtkern.Bench;

/// <summary>The broker's history table, read beside the running broker.</summary>
internal static class HistoryTable
{
    /// <summary>Its rows (WAL readers do not block the broker's writer).</summary>
    public static long CountInstances(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "stadtkern.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM temporal_instances";
        return Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
