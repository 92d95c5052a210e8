namespace Stadtkern.Lake;

public sealed partial class RawLake
{
    /// <summary>Deletes the partitions of a source whose day is before <paramref name="keepFrom"/> (all tenants); returns how many.</summary>
    public int DeleteBefore(string source, DateOnly keepFrom)
    {
        var deleted = 0;
        foreach (var partition in Partitions().Where(p => p.Source == source && p.Day < keepFrom))
        {
            var directory = PartitionDirectory(partition.Tenant, partition.Source, partition.Day);
            // An open segment of an old day is sealed first by the writer; only sealed days are removed.
            if (Directory.EnumerateFiles(directory, OpenPrefix + "*").Any()) continue;
            Directory.Delete(directory, recursive: true);
            deleted++;
        }
        return deleted;
    }
}
