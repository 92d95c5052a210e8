using Parquet;
using Parquet.Schema;
using Stadtkern.Anonymisation;

namespace Stadtkern.Catalog.Distributions;

/// <summary>
/// Apache Parquet: one optional column per table column (numbers as double, instants as UTC timestamps, booleans,
/// text), a point as two double columns; row groups of at most 1,000,000 rows, Snappy-compressed.
/// </summary>
public static class ParquetDistribution
{
    private const int RowGroupSize = 1_000_000;

    public static async Task<byte[]> WriteAsync(Table table, ColumnShape shape, CancellationToken cancellation)
    {
        var fields = new List<DataField>();
        for (var c = 0; c < shape.Names.Count; c++)
        {
            var name = shape.Names[c];
            switch (shape.Kinds[c])
            {
                case ColumnKind.Point:
                    fields.Add(new DataField<double?>(name + "_longitude"));
                    fields.Add(new DataField<double?>(name + "_latitude"));
                    break;
                case ColumnKind.Number: fields.Add(new DataField<double?>(name)); break;
                case ColumnKind.Instant: fields.Add(new DataField<DateTime?>(name)); break;
                case ColumnKind.Boolean: fields.Add(new DataField<bool?>(name)); break;
                default: fields.Add(new DataField<string>(name, true)); break;
            }
        }
        using var buffer = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), buffer, cancellationToken: cancellation))
        {
            for (var start = 0; start < table.Rows.Count || start == 0; start += RowGroupSize)
            {
                var count = Math.Min(RowGroupSize, table.Rows.Count - start);
                using var group = writer.CreateRowGroup();
                var f = 0;
                for (var c = 0; c < shape.Names.Count; c++)
                {
                    switch (shape.Kinds[c])
                    {
                        case ColumnKind.Point:
                            await group.WriteAsync(fields[f++], Column(table, c, start, count, v => v is GeoPoint p ? p.Longitude : (double?)null), cancellationToken: cancellation);
                            await group.WriteAsync(fields[f++], Column(table, c, start, count, v => v is GeoPoint p ? p.Latitude : (double?)null), cancellationToken: cancellation);
                            break;
                        case ColumnKind.Number:
                            await group.WriteAsync(fields[f++], Column<double>(table, c, start, count, v => v is null ? null : ColumnShape.Number(v)), cancellationToken: cancellation);
                            break;
                        case ColumnKind.Instant:
                            await group.WriteAsync(fields[f++], Column(table, c, start, count, v => v is DateTimeOffset at ? at.UtcDateTime : (DateTime?)null), cancellationToken: cancellation);
                            break;
                        case ColumnKind.Boolean:
                            await group.WriteAsync(fields[f++], Column(table, c, start, count, v => v as bool?), cancellationToken: cancellation);
                            break;
                        default:
                            var text = new string?[count];
                            for (var r = 0; r < count; r++) text[r] = table.Rows[start + r][c] is { } v ? ColumnShape.Text(v) : null;
                            await group.WriteAsync(fields[f++], (IReadOnlyCollection<string>)text!);
                            break;
                    }
                }
                if (table.Rows.Count == 0) break;
            }
        }
        return buffer.ToArray();
    }

    private static ReadOnlyMemory<T?> Column<T>(Table table, int column, int start, int count, Func<object?, T?> read) where T : struct
    {
        var values = new T?[count];
        for (var r = 0; r < count; r++) values[r] = read(table.Rows[start + r][column]);
        return values;
    }
}
