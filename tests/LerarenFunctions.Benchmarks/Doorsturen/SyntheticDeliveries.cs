namespace LerarenFunctions.Benchmarks.Doorsturen;

/// <summary>
/// A run's files: one synthetic file of all the run's rows, cut into equal parts that each get the header. So every
/// record of the run is unique in (bsn, brin, grondslag, begindatum) and no two files have the same content, which
/// the service would refuse as <c>dubbel</c>.
/// </summary>
public static class SyntheticDeliveries
{
    public static IReadOnlyList<byte[]> Create(int files, int rowsPerFile)
    {
        var all = SyntheticTeacherFile.Create(files * rowsPerFile);
        var headerEnd = NextLineStart(all, 0);
        var header = all.AsSpan(0, headerEnd);
        var parts = new List<byte[]>(files);
        var start = headerEnd;
        for (var f = 0; f < files; f++)
        {
            var end = start;
            for (var r = 0; r < rowsPerFile; r++)
            {
                end = NextLineStart(all, end);
            }

            parts.Add([.. header, .. all.AsSpan(start, end - start)]);
            start = end;
        }

        return parts;
    }

    private static int NextLineStart(byte[] content, int from)
    {
        var newline = Array.IndexOf(content, (byte)'\n', from);
        return newline < 0 ? content.Length : newline + 1;
    }
}
