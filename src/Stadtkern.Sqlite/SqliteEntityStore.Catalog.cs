using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Stadtkern.Catalog;
using Stadtkern.Model;

namespace Stadtkern.Sqlite;

/// <summary>The open-data catalog's definitions, sources, releases and files (migration 15).</summary>
public sealed partial class SqliteEntityStore : ICatalogStore
{
    public Task<bool> SaveDatasetAsync(DatasetRecord dataset, int expectedVersion, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction, expectedVersion == 0
                ? "INSERT OR IGNORE INTO catalog_datasets (id, document, version, created_at, modified_at, withdrawn_at) VALUES ($id, $doc, $version, $created, $modified, $withdrawn)"
                : "UPDATE catalog_datasets SET document = $doc, version = $version, modified_at = $modified, withdrawn_at = $withdrawn WHERE id = $id AND version = $expected");
            command.Parameters.AddWithValue("$id", dataset.Id);
            command.Parameters.AddWithValue("$doc", dataset.Document.ToJsonString());
            command.Parameters.AddWithValue("$version", dataset.Version);
            command.Parameters.AddWithValue("$created", Validation.Format(dataset.CreatedAt));
            command.Parameters.AddWithValue("$modified", Validation.Format(dataset.ModifiedAt));
            command.Parameters.AddWithValue("$withdrawn", dataset.WithdrawnAt is { } w ? Validation.Format(w) : DBNull.Value);
            command.Parameters.AddWithValue("$expected", expectedVersion);
            return command.ExecuteNonQuery() == 1;
        }, cancellation);

    public async Task<DatasetRecord?> GetDatasetAsync(string id, CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, document, version, created_at, modified_at, withdrawn_at FROM catalog_datasets WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? ReadDataset(reader) : null;
    }

    public async Task<(IReadOnlyList<DatasetRecord> Page, long Total)> ListDatasetsAsync(DateTimeOffset? modifiedSince, bool includeWithdrawn, int offset, int limit,
        CancellationToken cancellation)
    {
        var where = (modifiedSince is null ? "1 = 1" : "modified_at >= $since") + (includeWithdrawn ? "" : " AND withdrawn_at IS NULL");
        await using var connection = OpenReader();
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM catalog_datasets WHERE {where}";
        if (modifiedSince is { } since) count.Parameters.AddWithValue("$since", Validation.Format(since));
        var total = (long)(await count.ExecuteScalarAsync(cancellation))!;
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, document, version, created_at, modified_at, withdrawn_at FROM catalog_datasets WHERE {where} ORDER BY id LIMIT $limit OFFSET $offset";
        if (modifiedSince is { } s) command.Parameters.AddWithValue("$since", Validation.Format(s));
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        var page = new List<DatasetRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) page.Add(ReadDataset(reader));
        return (page, total);
    }

    private static DatasetRecord ReadDataset(SqliteDataReader reader) =>
        new(reader.GetString(0), JsonNode.Parse(reader.GetString(1))!.AsObject(), reader.GetInt32(2), ReadDate(reader, 3) ?? default, ReadDate(reader, 4) ?? default)
        {
            WithdrawnAt = ReadDate(reader, 5),
        };

    public Task SaveSourceFileAsync(string datasetId, SourceFile file, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction,
                "INSERT OR REPLACE INTO catalog_sources (dataset_id, media_type, body, uploaded_at) VALUES ($id, $type, $body, $at)");
            command.Parameters.AddWithValue("$id", datasetId);
            command.Parameters.AddWithValue("$type", file.MediaType);
            command.Parameters.AddWithValue("$body", file.Body);
            command.Parameters.AddWithValue("$at", Validation.Format(file.UploadedAt));
            return command.ExecuteNonQuery();
        }, cancellation);

    public async Task<SourceFile?> GetSourceFileAsync(string datasetId, CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT media_type, body, uploaded_at FROM catalog_sources WHERE dataset_id = $id";
        command.Parameters.AddWithValue("$id", datasetId);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? new SourceFile(reader.GetString(0), (byte[])reader.GetValue(1), ReadDate(reader, 2) ?? default) : null;
    }

    public Task<bool> AddReleaseAsync(Release release, IReadOnlyList<(string Format, byte[] Body)> files, CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var insert = Command(connection, transaction, $"INSERT OR IGNORE INTO catalog_releases ({ReleaseCodec.Columns}) " +
                "VALUES ($id, $number, $status, $created, $published, $manifest, $rows, $distributions, $reason, $report, $ledger)");
            insert.Parameters.AddWithValue("$id", release.DatasetId);
            insert.Parameters.AddWithValue("$number", release.Number);
            insert.Parameters.AddWithValue("$status", ReleaseCodec.Status(release.Status));
            insert.Parameters.AddWithValue("$created", Validation.Format(release.CreatedAt));
            insert.Parameters.AddWithValue("$published", release.PublishedAt is { } p ? Validation.Format(p) : DBNull.Value);
            insert.Parameters.AddWithValue("$manifest", release.Manifest);
            insert.Parameters.AddWithValue("$rows", release.Rows);
            insert.Parameters.AddWithValue("$distributions", ReleaseCodec.Distributions(release.Distributions));
            insert.Parameters.AddWithValue("$reason", (object?)release.HeldReason ?? DBNull.Value);
            insert.Parameters.AddWithValue("$report", release.Report.ToJsonString());
            insert.Parameters.AddWithValue("$ledger", (object?)release.LedgerIndex ?? DBNull.Value);
            if (insert.ExecuteNonQuery() == 0) return false;
            using var file = Command(connection, transaction, "INSERT INTO catalog_files (dataset_id, number, format, body) VALUES ($id, $number, $format, $body)");
            foreach (var (format, body) in files)
            {
                file.Parameters.Clear();
                file.Parameters.AddWithValue("$id", release.DatasetId);
                file.Parameters.AddWithValue("$number", release.Number);
                file.Parameters.AddWithValue("$format", format);
                file.Parameters.AddWithValue("$body", body);
                file.ExecuteNonQuery();
            }
            return true;
        }, cancellation);

    public Task<bool> UpdateReleaseAsync(string datasetId, int number, ReleaseStatus expected, ReleaseStatus status, long? ledgerIndex, DateTimeOffset? publishedAt,
        CancellationToken cancellation) =>
        Writer.RunAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction, "UPDATE catalog_releases SET status = $status, ledger_index = COALESCE($ledger, ledger_index), " +
                "published_at = COALESCE($published, published_at) WHERE dataset_id = $id AND number = $number AND status = $expected");
            command.Parameters.AddWithValue("$id", datasetId);
            command.Parameters.AddWithValue("$number", number);
            command.Parameters.AddWithValue("$status", ReleaseCodec.Status(status));
            command.Parameters.AddWithValue("$expected", ReleaseCodec.Status(expected));
            command.Parameters.AddWithValue("$ledger", (object?)ledgerIndex ?? DBNull.Value);
            command.Parameters.AddWithValue("$published", publishedAt is { } p ? Validation.Format(p) : DBNull.Value);
            return command.ExecuteNonQuery() == 1;
        }, cancellation);

    public async Task<Release?> GetReleaseAsync(string datasetId, int number, CancellationToken cancellation) =>
        (await Releases("dataset_id = $id AND number = $number", datasetId, number, cancellation)).FirstOrDefault();

    public async Task<IReadOnlyList<Release>> ListReleasesAsync(string datasetId, CancellationToken cancellation) =>
        await Releases("dataset_id = $id", datasetId, null, cancellation);

    public async Task<Release?> NewestReleaseAsync(string datasetId, CancellationToken cancellation) =>
        (await Releases("dataset_id = $id", datasetId, null, cancellation, limit: 1)).FirstOrDefault();

    public async Task<IReadOnlyList<Release>> UnloggedReleasesAsync(CancellationToken cancellation) =>
        await Releases("status = 'published' AND ledger_index IS NULL", null, null, cancellation);

    private async Task<List<Release>> Releases(string where, string? datasetId, int? number, CancellationToken cancellation, int? limit = null)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ReleaseCodec.Columns} FROM catalog_releases WHERE {where} ORDER BY dataset_id, number DESC{(limit is { } n ? $" LIMIT {n}" : "")}";
        if (datasetId is not null) command.Parameters.AddWithValue("$id", datasetId);
        if (number is not null) command.Parameters.AddWithValue("$number", number);
        var releases = new List<Release>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) releases.Add(ReleaseCodec.Read(reader, c => ReadDate(reader, c)));
        return releases;
    }

    public async Task<byte[]?> ReadDistributionAsync(string datasetId, int number, string format, CancellationToken cancellation)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM catalog_files WHERE dataset_id = $id AND number = $number AND format = $format";
        command.Parameters.AddWithValue("$id", datasetId);
        command.Parameters.AddWithValue("$number", number);
        command.Parameters.AddWithValue("$format", format);
        return await command.ExecuteScalarAsync(cancellation) as byte[];
    }
}
