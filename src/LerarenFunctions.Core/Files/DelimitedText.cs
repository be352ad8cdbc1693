using nietras.SeparatedValues;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// How every CSV this system takes in is read: UTF-8 (BOM or not) or Windows-1252, the separator already detected from
/// the file's first bytes, fields unquoted and trimmed, the header and the column counts left to the caller (which
/// reports them in its own terms).
/// </summary>
internal static class DelimitedText
{
    /// <summary>The text of a file of which <paramref name="head"/> is already read and <paramref name="rest"/> follows.</summary>
    public static StreamReader Open(ReadOnlyMemory<byte> head, Stream rest, int bufferSize) =>
        new(new ReplayStream(head, rest), TeacherFileEncoding.Utf8With1252Fallback, detectEncodingFromByteOrderMarks: false, bufferSize, leaveOpen: true);

    public static ValueTask<SepReader> ReadAsync(TextReader text, char separator, int bufferLength, CancellationToken cancellationToken) =>
        Sep.Reader(o => o with
            {
                Sep = new Sep(separator),
                HasHeader = false,
                Unescape = true,
                Trim = SepTrim.All,
                DisableColCountCheck = true,
                InitialBufferLength = bufferLength,
            })
            .FromAsync(text, cancellationToken);
}
