using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Stadtkern.Catalog;

namespace Stadtkern.Postgres;

/// <summary>The open-data catalog's definitions, sources, releases and files (migration 6).</summary>
public sealed partial class PostgresEntityStore : ICatalogStore
{
    private const string ReleaseColumns = "dataset_id, number, status, created_at, published_at, manifest, rows, distributions::text, held_reason, report::text, ledger_index";

    public Task<bool> SaveDatasetAsync(DatasetRecord dataset, int expectedVersion, CancellationToken cancellation) =>
        WriteAsync(command =>
        {
            using var save = command(expectedVersion == 0
                ? "INSERT INTO catalog_datasets (id, document, version, created_at, modified_at, withdrawn_at) VALUES (@id, @doc, @version, @created, @modified, @withdrawn) ON CONFLICT (id) DO NOTHING"
                : "UPDATE catalog_datasets SET document = @doc, version = @version, modified_at = @modified, withdrawn_at = @withdrawn WHERE id = @id AND version = @expected");
            save.Parameters.AddWithValue("id", dataset.Id);
            save.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, dataset.Document.ToJsonString());
            save.Parameters.AddWithValue("version", dataset.Version);
            save.Parameters.AddWithValue("created", dataset.CreatedAt.ToUniversalTime());
            save.Parameters.AddWithValue("modified", dataset.ModifiedAt.ToUniversalTime());
            save.Parameters.AddWithValue("withdrawn", NpgsqlDbType.TimestampTz, dataset.WithdrawnAt is { } w ? w.ToUniversalTime() : DBNull.Value);
            save.Parameters.AddWithValue("expected", expectedVersion);
            return save.ExecuteNonQuery() == 1;
        }, cancellation);

    public async Task<DatasetRecord?> GetDatasetAsync(string id, CancellationToken cancellation)
    {
        await using var command = Read("SELECT id, document::text, version, created_at, modified_at, withdrawn_at FROM catalog_datasets WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? ReadDataset(reader) : null;
    }

    public async Task<(IReadOnlyList<DatasetRecord> Page, long Total)> ListDatasetsAsync(DateTimeOffset? modifiedSince, bool includeWithdrawn, int offset, int limit,
        CancellationToken cancellation)
    {
        var where = (modifiedSince is null ? "TRUE" : "modified_at >= @since") + (includeWithdrawn ? "" : " AND withdrawn_at IS NULL");
        await using var count = Read($"SELECT COUNT(*) FROM catalog_datasets WHERE {where}");
        if (modifiedSince is { } since) count.Parameters.AddWithValue("since", since.ToUniversalTime());
        var total = (long)(await count.ExecuteScalarAsync(cancellation))!;
        await using var command = Read($"SELECT id, document::text, version, created_at, modified_at, withdrawn_at FROM catalog_datasets WHERE {where} ORDER BY id LIMIT @limit OFFSET @offset");
        if (modifiedSince is { } s) command.Parameters.AddWithValue("since", s.ToUniversalTime());
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("offset", offset);
        var page = new List<DatasetRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) page.Add(ReadDataset(reader));
        return (page, total);
    }

    private static DatasetRecord ReadDataset(NpgsqlDataReader reader) =>
        new(reader.GetString(0), JsonNode.Parse(reader.GetString(1))!.AsObject(), reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3),
            reader.GetFieldValue<DateTimeOffset>(4))
        {
            WithdrawnAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
        };

    public Task SaveSourceFileAsync(string datasetId, SourceFile file, CancellationToken cancellation) =>
        WriteAsync(command =>
        {
            using var save = command("""
                INSERT INTO catalog_sources (dataset_id, media_type, body, uploaded_at) VALUES (@id, @type, @body, @at)
                ON CONFLICT (dataset_id) DO UPDATE SET media_type = EXCLUDED.media_type, body = EXCLUDED.body, uploaded_at = EXCLUDED.uploaded_at
                """);
            save.Parameters.AddWithValue("id", datasetId);
            save.Parameters.AddWithValue("type", file.MediaType);
            save.Parameters.AddWithValue("body", file.Body);
            save.Parameters.AddWithValue("at", file.UploadedAt.ToUniversalTime());
            return save.ExecuteNonQuery();
        }, cancellation);

    public async Task<SourceFile?> GetSourceFileAsync(string datasetId, CancellationToken cancellation)
    {
        await using var command = Read("SELECT media_type, body, uploaded_at FROM catalog_sources WHERE dataset_id = @id");
        command.Parameters.AddWithValue("id", datasetId);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation)
            ? new SourceFile(reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<DateTimeOffset>(2)) : null;
    }

    public Task<bool> AddReleaseAsync(Release release, IReadOnlyList<(string Format, byte[] Body)> files, CancellationToken cancellation) =>
        WriteAsync(command =>
        {
            using var insert = command($"""
                INSERT INTO catalog_releases (dataset_id, number, status, created_at, published_at, manifest, rows, distributions, held_reason, report, ledger_index)
                VALUES (@id, @number, @status, @created, @published, @manifest, @rows, @distributions, @reason, @report, @ledger) ON CONFLICT DO NOTHING
                """);
            insert.Parameters.AddWithValue("id", release.DatasetId);
            insert.Parameters.AddWithValue("number", release.Number);
            insert.Parameters.AddWithValue("status", ReleaseCodec.Status(release.Status));
            insert.Parameters.AddWithValue("created", release.CreatedAt.ToUniversalTime());
            insert.Parameters.AddWithValue("published", NpgsqlDbType.TimestampTz, release.PublishedAt is { } p ? p.ToUniversalTime() : DBNull.Value);
            insert.Parameters.AddWithValue("manifest", release.Manifest);
            insert.Parameters.AddWithValue("rows", release.Rows);
            insert.Parameters.AddWithValue("distributions", NpgsqlDbType.Jsonb, ReleaseCodec.Distributions(release.Distributions));
            insert.Parameters.AddWithValue("reason", NpgsqlDbType.Text, (object?)release.HeldReason ?? DBNull.Value);
            insert.Parameters.AddWithValue("report", NpgsqlDbType.Jsonb, release.Report.ToJsonString());
            insert.Parameters.AddWithValue("ledger", NpgsqlDbType.Bigint, (object?)release.LedgerIndex ?? DBNull.Value);
            if (insert.ExecuteNonQuery() == 0) return false;
            foreach (var (format, body) in files)
            {
                using var file = command("INSERT INTO catalog_files (dataset_id, number, format, body) VALUES (@id, @number, @format, @body)");
                file.Parameters.AddWithValue("id", release.DatasetId);
                file.Parameters.AddWithValue("number", release.Number);
                file.Parameters.AddWithValue("format", format);
                file.Parameters.AddWithValue("body", body);
                file.ExecuteNonQuery();
            }
            return true;
        }, cancellation);

    public Task<bool> UpdateReleaseAsync(string datasetId, int number, ReleaseStatus expected, ReleaseStatus status, long? ledgerIndex, DateTimeOffset? publishedAt,
        CancellationToken cancellation) =>
        WriteAsync(command =>
        {
            using var update = command("""
                UPDATE catalog_releases SET status = @status, ledger_index = COALESCE(@ledger, ledger_index), published_at = COALESCE(@published, published_at)
                WHERE dataset_id = @id AND number = @number AND status = @expected
                """);
            update.Parameters.AddWithValue("id", datasetId);
            update.Parameters.AddWithValue("number", number);
            update.Parameters.AddWithValue("status", ReleaseCodec.Status(status));
            update.Parameters.AddWithValue("expected", ReleaseCodec.Status(expected));
            update.Parameters.AddWithValue("ledger", NpgsqlDbType.Bigint, (object?)ledgerIndex ?? DBNull.Value);
            update.Parameters.AddWithValue("published", NpgsqlDbType.TimestampTz, publishedAt is { } p ? p.ToUniversalTime() : DBNull.Value);
            return update.ExecuteNonQuery() == 1;
        }, cancellation);

    public async Task<Release?> GetReleaseAsync(string datasetId, int number, CancellationToken cancellation) =>
        (await Releases("dataset_id = @id AND number = @number", datasetId, number, cancellation)).FirstOrDefault();

    public async Task<IReadOnlyList<Release>> ListReleasesAsync(string datasetId, CancellationToken cancellation) =>
        await Releases("dataset_id = @id", datasetId, null, cancellation);

    public async Task<Release?> NewestReleaseAsync(string datasetId, CancellationToken cancellation) =>
        (await Releases("dataset_id = @id", datasetId, null, cancellation, limit: 1)).FirstOrDefault();

    public async Task<IReadOnlyList<Release>> UnloggedReleasesAsync(CancellationToken cancellation) =>
        await Releases("status = 'published' AND ledger_index IS NULL", null, null, cancellation);

    private async Task<List<Release>> Releases(string where, string? datasetId, int? number, CancellationToken cancellation, int? limit = null)
    {
        await using var command = Read($"SELECT {ReleaseColumns} FROM catalog_releases WHERE {where} ORDER BY dataset_id, number DESC{(limit is { } n ? $" LIMIT {n}" : "")}");
        if (datasetId is not null) command.Parameters.AddWithValue("id", datasetId);
        if (number is not null) command.Parameters.AddWithValue("number", number);
        var releases = new List<Release>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) releases.Add(ReleaseCodec.Read(reader, c => reader.IsDBNull(c) ? null : reader.GetFieldValue<DateTimeOffset>(c)));
        return releases;
    }

    public async Task<byte[]?> ReadDistributionAsync(string datasetId, int number, string format, CancellationToken cancellation)
    {
        await using var command = Read("SELECT body FROM catalog_files WHERE dataset_id = @id AND number = @number AND format = @format");
        command.Parameters.AddWithValue("id", datasetId);
        command.Parameters.AddWithValue("number", number);
        command.Parameters.AddWithValue("format", format);
        return await command.ExecuteScalarAsync(cancellation) as byte[];
    }
}
