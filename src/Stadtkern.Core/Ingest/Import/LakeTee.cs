namespace Stadtkern.Ingest.Import;

/// <summary>
/// Passes a file through to its reader, each chunk kept (in the raw lake) before the reader sees a byte of it: chunks of at
/// most a fixed size, cut after the last line break in them where the format is line-based, so that a chunk holds whole lines.
/// </summary>
internal sealed class LakeTee(Stream source, Func<ReadOnlyMemory<byte>, long, CancellationToken, Task> keep, bool cutOnLines, int chunkBytes) : Stream
{
    private readonly byte[] _chunk = new byte[chunkBytes];
    private int _filled;
    private int _kept;
    private int _served;
    private long _offset;
    private bool _ended;

    /// <summary>Bytes of the file handed to the reader so far.</summary>
    public long BytesRead => _offset + _served;

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (_served == _kept && !await NextChunkAsync(cancellationToken)) return 0;
        var count = Math.Min(destination.Length, _kept - _served);
        _chunk.AsMemory(_served, count).CopyTo(destination);
        _served += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private async Task<bool> NextChunkAsync(CancellationToken cancellation)
    {
        var tail = _filled - _kept;
        Buffer.BlockCopy(_chunk, _kept, _chunk, 0, tail);
        _offset += _kept;
        (_filled, _kept, _served) = (tail, 0, 0);
        while (_filled < _chunk.Length && !_ended)
        {
            var read = await source.ReadAsync(_chunk.AsMemory(_filled), cancellation);
            if (read == 0) _ended = true;
            _filled += read;
        }
        if (_filled == 0) return false;
        var cut = _filled;
        if (cutOnLines && !_ended && Array.LastIndexOf(_chunk, (byte)'\n', _filled - 1) is >= 0 and var newline) cut = newline + 1;
        await keep(_chunk.AsMemory(0, cut), _offset, cancellation);
        _kept = cut;
        return true;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    // The import reads asynchronously only: a synchronous read would block a thread on the network or the lake.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the import stream asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
