using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace LerarenFunctions.Core.Files;

// Parts: each part read with an XmlReader under the file's bounds; depth checked on every read, text in chunks.
internal static partial class XlsxTeacherFile
{
    /// <summary>Opens the parts of one file with the same bounds, against one unpack budget.</summary>
    private sealed class PartReader(UnpackBudget budget, long maxCharacters)
    {
        private readonly XmlReaderSettings _settings = new()
        {
            // No DTD: no entity expansion (billion laughs), nothing fetched from elsewhere.
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,

            // Comments and processing instructions are skipped in chunks, never held.
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,

            // A character takes at least one byte, so the unpack budget bounds this already; said to the reader too.
            MaxCharactersInDocument = maxCharacters,
            CloseInput = true,
        };

        public XmlReader Open(OpenXmlPart part)
        {
            // Each wrapper owns the one inside it; disposing the reader closes them all, down to the part's stream.
            return XmlReader.Create(new TagGuard(budget.Wrap(part.GetStream(FileMode.Open, FileAccess.Read))), _settings);
        }
    }

    /// <summary>
    /// Moves to the next node. Nesting deeper than <see cref="MaxDepth"/> makes the file corrupt: every open element
    /// costs the reader a node. Every read of a part goes through here.
    /// </summary>
    private static bool Next(XmlReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        if (reader.Depth > MaxDepth)
        {
            throw Corrupt(null);
        }

        return true;
    }

    /// <summary>
    /// Reads the cell or shared string item the reader is on, to its end. The text of its <c>t</c> elements goes into
    /// <paramref name="text"/>, leaving out phonetic runs (<c>rPh</c>: a Japanese reading, no part of the text); the
    /// text of its <c>v</c> element, when asked for, into <paramref name="value"/>.
    /// </summary>
    private static (bool HasText, bool HasValue) ReadItem(XmlReader reader, CellText text, CellText? value)
    {
        text.Clear();
        value?.Clear();
        bool hasText = false, hasValue = false;
        if (reader.IsEmptyElement)
        {
            return (hasText, hasValue);
        }

        var depth = reader.Depth;
        var phonetic = 0;
        while (Next(reader) && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "rPh")
            {
                phonetic--;
            }
            else if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            else if (reader.LocalName == "rPh" && !reader.IsEmptyElement)
            {
                phonetic++;
            }
            else if (reader.LocalName == "t" && phonetic == 0)
            {
                hasText = true;
                AppendContent(reader, text);
            }
            else if (reader.LocalName == "v" && value is not null)
            {
                hasValue = true;
                value.Clear();
                AppendContent(reader, value);
            }
        }

        return (hasText, hasValue);
    }

    /// <summary>Appends the text in the element the reader is on (<c>t</c> or <c>v</c>), and leaves the reader on its end.</summary>
    private static void AppendContent(XmlReader reader, CellText text)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }

        var depth = reader.Depth;
        while (Next(reader) && reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text.Append(reader);
            }
        }
    }

    /// <summary>
    /// The text of one cell or shared string, gathered in a buffer of Excel's cell limit. Text nodes are read in
    /// chunks, so a longer text is rejected after <see cref="MaxCellCharacters"/> characters without ever being held.
    /// </summary>
    private sealed class CellText
    {
        // Two more than the limit: a longer text shows, and a chunk always has room for a surrogate pair.
        private readonly char[] _chars = new char[MaxCellCharacters + 2];

        public int Length { get; private set; }

        public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

        public void Clear() => Length = 0;

        /// <summary>Appends the value of the text node the reader is on.</summary>
        public void Append(XmlReader reader)
        {
            int read;
            while ((read = reader.ReadValueChunk(_chars, Length, _chars.Length - Length)) > 0)
            {
                Length += read;
                if (Length > MaxCellCharacters)
                {
                    throw Corrupt(null);
                }
            }
        }

        public override string ToString() => Length == 0 ? string.Empty : new string(_chars, 0, Length);
    }
}
