using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Errors;

namespace Stadtkern.Ingest.Import;

/// <summary>One element of a streamed JSON file: the line it starts on, its index, and the element.</summary>
internal sealed record JsonItem(long Line, long Index, JsonNode? Node);

/// <summary>
/// Streams the elements of a JSON file one at a time, holding only the element being read: the elements of the top-level
/// array, the top-level values one after another (NDJSON), or the elements of the array under one member of the top-level
/// object (GeoJSON's <c>features</c>).
/// </summary>
internal sealed class JsonItems(Stream stream, string? member)
{
    public const int MaxItemBytes = 16 * 1024 * 1024;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _final;
    private bool _started;
    private JsonReaderState _state = new(new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 64 });
    private Phase _phase = Phase.Start;
    private long _index;
    private long _line = 1;
    private int _lineOffset;

    private enum Phase
    {
        Start,
        Members,
        Items,
        Values,
        Done,
    }

    public async IAsyncEnumerable<JsonItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        var items = new List<JsonItem>();
        while (true)
        {
            items.Clear();
            bool done;
            try
            {
                done = Step(items);
            }
            catch (JsonException e)
            {
                // The reader's state carries its line count from block to block: it counts from the start of the file, from 0.
                throw NgsiLdException.Invalid($"The file is not valid JSON at line {(e.LineNumber ?? 0) + 1}: {e.Message.Split(" LineNumber:")[0]}");
            }
            foreach (var item in items) yield return item;
            if (done) yield break;
            if (_final) throw NgsiLdException.Invalid("The file ends inside its JSON.");
            await FillAsync(cancellation);
        }
    }

    private bool Step(List<JsonItem> items)
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        var reader = new Utf8JsonReader(span, _final, _state);
        while (_phase != Phase.Done)
        {
            var (consumed, state) = (reader.BytesConsumed, reader.CurrentState);
            if (!Unit(ref reader, span, items))
            {
                // The unit did not fit: it is read again from its start once more of the file is in.
                _start += (int)consumed;
                _state = state;
                return false;
            }
        }
        return true;
    }

    /// <summary>Reads one unit (the opening, a skipped member, an element); false when the buffer ends within it.</summary>
    private bool Unit(ref Utf8JsonReader reader, ReadOnlySpan<byte> span, List<JsonItem> items)
    {
        switch (_phase)
        {
            case Phase.Start:
                var first = span.TrimStart(" \t\r\n"u8);
                if (first.IsEmpty) return _final ? throw NgsiLdException.Invalid("The file is empty.") : false;
                if (member is null && first[0] == '{')
                {
                    _phase = Phase.Values;
                    return true;
                }
                if (!reader.Read()) return false;
                if (member is null && reader.TokenType != JsonTokenType.StartArray)
                    throw NgsiLdException.Invalid("The file is neither a JSON array of entities nor one JSON entity per line.");
                if (member is not null && reader.TokenType != JsonTokenType.StartObject)
                    throw NgsiLdException.Invalid($"The file is not a JSON object with a '{member}' array.");
                _phase = member is null ? Phase.Items : Phase.Members;
                return true;
            case Phase.Members:
                if (!reader.Read()) return false;
                if (reader.TokenType == JsonTokenType.EndObject) throw NgsiLdException.Invalid($"The file has no '{member}' array.");
                var name = reader.GetString();
                if (!reader.Read()) return false;
                if (name != member) return reader.TrySkip();
                if (reader.TokenType != JsonTokenType.StartArray) throw NgsiLdException.Invalid($"The file's '{member}' is not an array.");
                _phase = Phase.Items;
                return true;
            case Phase.Items or Phase.Values:
                if (!reader.Read()) return _phase == Phase.Values && _final ? Finish() : false;
                if (_phase == Phase.Items && reader.TokenType == JsonTokenType.EndArray) return Finish();
                var start = (int)reader.TokenStartIndex;
                if (!reader.TrySkip()) return false;
                var line = LineAt(_start + start);
                items.Add(new JsonItem(line, _index++, JsonNode.Parse(span[start..(int)reader.BytesConsumed])));
                return true;
            default:
                return true;
        }
    }

    // What follows the array (other members, closing braces) is not read: nothing there becomes an entity.
    private bool Finish()
    {
        _phase = Phase.Done;
        return true;
    }

    private long LineAt(int offset)
    {
        if (offset > _lineOffset) _line += _buffer.AsSpan(_lineOffset, offset - _lineOffset).Count((byte)'\n');
        _lineOffset = Math.Max(_lineOffset, offset);
        return _line;
    }

    private async Task FillAsync(CancellationToken cancellation)
    {
        if (_start > 0)
        {
            LineAt(_start);
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _lineOffset -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxItemBytes) throw NgsiLdException.BadData($"An element of the file (line {_line}) is larger than {MaxItemBytes / 1024 / 1024} MiB.");
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellation);
        _end += read;
        _final = read == 0;
        if (!_started && _end >= 3)
        {
            _started = true;
            // A byte-order mark is not JSON.
            if (_buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8)) _start = _lineOffset = 3;
        }
        else if (_final) _started = true;
    }
}
