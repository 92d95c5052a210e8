using System.Text.Json.Nodes;
using Stadtkern.Errors;

namespace Stadtkern.Ingest.Import;

/// <summary>One row of an imported file: where it starts (line, and its index among the rows), and its entity or why it has none.</summary>
internal sealed record ImportRow(long Line, long Index, JsonObject? Entity, NgsiLdException? Error);
