using Stadtkern.Errors;

namespace Stadtkern.Ingest.Import;

/// <summary>A row that was not applied: the line it starts on, its index among the rows (0 = first), its entity id if known, and why.</summary>
public sealed record ImportRejection(long Line, long Index, string? EntityId, NgsiLdException Error);

/// <summary>
/// What an import did: rows read, entities applied, rows refused (all counted, the first ones listed), and — when the file
/// could not be read to its end — the error that stopped it after the rows before it were applied.
/// </summary>
public sealed record ImportResult(string ImportId, long Rows, long Applied, long Rejected, IReadOnlyList<ImportRejection> Rejections, NgsiLdException? Stopped);

/// <summary>How far an import has come: bytes of the file read, rows read, entities applied, rows refused.</summary>
public readonly record struct ImportProgress(long Bytes, long Rows, long Applied, long Rejected);
