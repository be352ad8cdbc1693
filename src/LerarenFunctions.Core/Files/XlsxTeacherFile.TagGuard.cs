using System.Text;

namespace LerarenFunctions.Core.Files;

// TagGuard: the bound on one tag or CDATA section, between a part's bytes and the XML reader.
internal static partial class XlsxTeacherFile
{
    /// <summary>
    /// Hands a part's characters to the XML reader, and stops a run of more than <see cref="MaxTagCharacters"/> from
    /// one <c>&lt;</c> to the next, or in one CDATA section. The reader holds a tag with its attributes whole in its
    /// buffer, and a CDATA section as one string, so one endless attribute would otherwise cost as much memory as the
    /// part has characters. No <c>&lt;</c> can stand inside a tag (XML forbids it in an attribute value), so counting
    /// from one to the next bounds every tag without following quotes; only a CDATA section may hold <c>&lt;</c>, so its
    /// end (<c>]]&gt;</c>) is looked for. Comments and processing instructions may hold <c>&lt;</c> too, but the reader
    /// skips those in chunks. Whether the markup is well-formed is the reader's business.
    /// </summary>
    internal sealed class TagGuard : TextReader
    {
        /// <summary>Open Packaging Conventions: an XML part is UTF-8, or UTF-16 with a byte order mark.</summary>
        private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        private const string CDataStart = "![CDATA[";

        private readonly StreamReader _inner;
        private State _state;

        /// <summary>Characters since the last <c>&lt;</c> (in a CDATA section: since its start).</summary>
        private int _length;

        /// <summary>How much of <see cref="CDataStart"/> followed the last <c>&lt;</c>.</summary>
        private int _matched;

        /// <summary>How many <c>]</c> the characters read so far in a CDATA section end with.</summary>
        private int _brackets;

        /// <summary>Reads <paramref name="part"/>, and closes it when disposed.</summary>
        public TagGuard(Stream part)
        {
            _inner = new StreamReader(part, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 16_384);
        }

        private enum State
        {
            Outside,
            AfterOpen,
            CData,
        }

        public override int Peek() => _inner.Peek();

        public override int Read()
        {
            var c = _inner.Read();
            if (c >= 0)
            {
                Scan([(char)c]);
            }

            return c;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var read = _inner.Read(buffer);
            Scan(buffer[..read]);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Scan(ReadOnlySpan<char> chars)
        {
            while (!chars.IsEmpty)
            {
                chars = _state switch
                {
                    State.AfterOpen => MatchCDataStart(chars),
                    State.CData => InCData(chars),
                    _ => ToNextOpen(chars),
                };
            }
        }

        private ReadOnlySpan<char> ToNextOpen(ReadOnlySpan<char> chars)
        {
            var open = chars.IndexOf('<');
            if (open < 0)
            {
                Count(chars.Length);
                return default;
            }

            Count(open);
            _length = 1;
            _matched = 0;
            _state = State.AfterOpen;
            return chars[(open + 1)..];
        }

        private ReadOnlySpan<char> MatchCDataStart(ReadOnlySpan<char> chars)
        {
            if (chars[0] != CDataStart[_matched])
            {
                _state = State.Outside;
                return chars;
            }

            Count(1);
            if (++_matched == CDataStart.Length)
            {
                _brackets = 0;
                _state = State.CData;
            }

            return chars[1..];
        }

        private ReadOnlySpan<char> InCData(ReadOnlySpan<char> chars)
        {
            var close = chars.IndexOf('>');
            if (close < 0)
            {
                _brackets = Brackets(chars);
                Count(chars.Length);
                return default;
            }

            var ends = Brackets(chars[..close]) >= 2;
            Count(close + 1);
            _brackets = 0;
            if (ends)
            {
                _length = 0;
                _state = State.Outside;
            }

            return chars[(close + 1)..];
        }

        /// <summary>The <c>]</c> that the CDATA read so far ends with, once <paramref name="chars"/> are added.</summary>
        private int Brackets(ReadOnlySpan<char> chars)
        {
            var trailing = chars.Length - chars.TrimEnd(']').Length;
            return trailing == chars.Length ? _brackets + trailing : trailing;
        }

        private void Count(int characters)
        {
            _length += characters;
            if (_length > MaxTagCharacters)
            {
                throw Corrupt(null);
            }
        }
    }
}
