namespace LerarenFunctions.Core.Files;

/// <summary>
/// Wraps the delivered stream: counts the bytes read against the file limit, and tells a failure of the source
/// itself (network, storage) apart from a bad file. The first must reach the caller so that the delivery is retried;
/// only the second may become BESTAND_ONLEESBAAR.
/// </summary>
internal sealed class SourceStream(Stream inner, long maxBytes) : Stream
{
    private long _recordStart;

    public long BytesRead { get; private set; }

    /// <summary>The most bytes a CSV record may span; see <see cref="MarkRecord"/>. Unlimited unless set.</summary>
    public int MaxRecordBytes { get; set; } = int.MaxValue;

    /// <summary>The Excel row number of the record being read, for the melding when it grows too long.</summary>
    public int NextRegel { get; private set; } = 1;

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => Guard(() => inner.Length);

    public override long Position
    {
        get => Guard(() => inner.Position);
        set => Seek(value, SeekOrigin.Begin);
    }

    /// <summary>
    /// A record was handed out. Everything read since belongs to the records after it, so a parser that holds more
    /// than <see cref="MaxRecordBytes"/> unreturned bytes is buffering one endless record (an unclosed quote).
    /// </summary>
    public void MarkRecord(int nextRegel)
    {
        _recordStart = BytesRead;
        NextRegel = nextRegel;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = inner.Read(buffer);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new SourceReadException(ex);
        }

        return Count(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new SourceReadException(ex);
        }

        return Count(read);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        // A zip reader seeks to offsets read from the file; one before the start is the file's fault, not the source's.
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => Length + offset,
        };
        if (target < 0)
        {
            throw new IOException("A seek before the start of the file.");
        }

        return Guard(() => inner.Seek(target, SeekOrigin.Begin));
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        BytesRead += read;
        if (BytesRead > maxBytes)
        {
            throw new TeacherFileRejectedException(FileMeldingen.TeveelBytes(maxBytes));
        }

        if (BytesRead - _recordStart > MaxRecordBytes)
        {
            throw new TeacherFileRejectedException(FileMeldingen.RegelTeLang(NextRegel, MaxRecordBytes));
        }

        return read;
    }

    private static T Guard<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or NotSupportedException))
        {
            throw new SourceReadException(ex);
        }
    }
}

/// <summary>The delivered stream itself failed; the validator rethrows <see cref="Exception.InnerException"/>.</summary>
internal sealed class SourceReadException(Exception inner) : Exception("The delivered file could not be read from its source.", inner);

/// <summary>Replays the bytes already read to recognise the format, then reads on from the source.</summary>
internal sealed class ReplayStream(ReadOnlyMemory<byte> head, Stream rest) : ReadOnlyForwardStream
{
    private ReadOnlyMemory<byte> _head = head;

    public override int Read(Span<byte> buffer)
    {
        if (_head.IsEmpty)
        {
            return rest.Read(buffer);
        }

        var n = Math.Min(buffer.Length, _head.Length);
        _head.Span[..n].CopyTo(buffer);
        _head = _head[n..];
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_head.IsEmpty)
        {
            return rest.ReadAsync(buffer, cancellationToken);
        }

        return ValueTask.FromResult(Read(buffer.Span));
    }
}

/// <summary>
/// Counts what the parts of an XLSX unpack to against one budget for the whole file, so a zip bomb is stopped while
/// it inflates, whatever the zip headers declare.
/// </summary>
internal sealed class UnpackBudget(long maxBytes)
{
    private long _used;

    public void Spend(int bytes)
    {
        _used += bytes;
        if (_used > maxBytes)
        {
            throw new TeacherFileRejectedException(FileMeldingen.ExcelTeGroot(maxBytes));
        }
    }

    public Stream Wrap(Stream part) => new BudgetStream(part, this);

    private sealed class BudgetStream(Stream inner, UnpackBudget budget) : ReadOnlyForwardStream
    {
        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            budget.Spend(read);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
