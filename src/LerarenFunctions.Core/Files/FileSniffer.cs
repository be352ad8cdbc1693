namespace LerarenFunctions.Core.Files;

internal enum FileKind
{
    Empty,
    Text,
    Xlsx,
    OldExcel,
    Utf16,
    Binary,
}

/// <summary>Recognises a file by its first bytes, never by its name: boards rename files freely.</summary>
internal static class FileSniffer
{
    /// <summary>How many bytes are looked at.</summary>
    public const int HeadLength = 4096;

    public static FileKind Detect(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return FileKind.Empty;
        }

        if (head.StartsWith("PK\x03\x04"u8))
        {
            return FileKind.Xlsx;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return FileKind.OldExcel;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return FileKind.Utf16;
        }

        if (head.StartsWith("%PDF"u8) || head.Contains((byte)0))
        {
            // UTF-16 without a BOM also lands here: every other byte of its Latin text is NUL.
            return FileKind.Binary;
        }

        // Text has no control characters besides tab, line breaks, form feed and the old DOS end-of-file mark.
        var control = 0;
        foreach (var b in head)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1A))
            {
                control++;
            }
        }

        return control > 1 && control * 100 > head.Length ? FileKind.Binary : FileKind.Text;
    }
}
