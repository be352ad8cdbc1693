using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;

namespace LerarenFunctions.Core.Files;

// Package: what the zip says of itself, checked before the Open XML SDK is let near it, and opening it.
internal static partial class XlsxTeacherFile
{
    /// <summary>
    /// Checks what the zip says of itself before the Open XML SDK opens it: the SDK holds an object for every entry,
    /// and reads the package's own XML (content types and relationships) whole. What an entry can unpack to is its
    /// declared size, or for a stored entry its packed size (the zip reader stops there), so these bound it.
    /// </summary>
    private static void CheckDeclaredSizes(Stream zip, long maxBytes)
    {
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > MaxZipEntries)
            {
                throw new TeacherFileRejectedException(FileMeldingen.ExcelTeVeelOnderdelen());
            }

            long total = 0, packageXml = 0;
            foreach (var entry in archive.Entries)
            {
                var size = Math.Max(entry.Length, entry.CompressedLength);
                total += size;
                if (total > maxBytes)
                {
                    throw new TeacherFileRejectedException(FileMeldingen.ExcelTeGroot(maxBytes));
                }

                packageXml += IsPackageXml(entry.FullName) ? size : 0;
                if (packageXml > MaxPackageXmlBytes)
                {
                    throw new TeacherFileRejectedException(FileMeldingen.ExcelTeVeelOnderdelen());
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }
    }

    /// <summary>The parts the SDK reads itself when it opens the package: the content types and every relationship part.</summary>
    private static bool IsPackageXml(string name) =>
        name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase) || name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase);

    private static SpreadsheetDocument Open(Stream zip)
    {
        try
        {
            return SpreadsheetDocument.Open(zip, isEditable: false, new OpenSettings { AutoSave = false });
        }
        catch (Exception ex) when (ex is not (SourceReadException or OperationCanceledException))
        {
            throw Corrupt(ex);
        }
    }
}
