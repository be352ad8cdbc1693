using System.Text;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// UTF-8 (BOM or not) where every byte that is not valid UTF-8 is read as Windows-1252, the code page of Dutch
/// Excel's plain "CSV" export. Decoding this way keeps the file a stream and copes with files that mix both.
/// </summary>
internal static class TeacherFileEncoding
{
    /// <summary>The encoding for a <see cref="StreamReader"/>: its preamble makes the reader skip a UTF-8 BOM.</summary>
    public static Encoding Utf8With1252Fallback { get; } = Create();

    private static Encoding Create()
    {
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: false).Clone();
        encoding.DecoderFallback = new Windows1252Fallback();
        return encoding;
    }

    private sealed class Windows1252Fallback : DecoderFallback
    {
        private static readonly char[] Map = BuildMap();

        // The UTF-8 decoder reports at most a few bytes at a time (one maximal invalid subsequence).
        public override int MaxCharCount => 4;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

        private static char[] BuildMap()
        {
            var bytes = new byte[256];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)i;
            }

            // Inbox in .NET; asked for directly so that nothing global has to be registered.
            var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;
            var chars = cp1252.GetChars(bytes);
            return chars.Length == 256 ? chars : Encoding.Latin1.GetChars(bytes);
        }

        private sealed class Buffer : DecoderFallbackBuffer
        {
            private char[] _chars = new char[4];
            private int _count;
            private int _position;

            public override int Remaining => _count - _position;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                if (bytesUnknown.Length > _chars.Length)
                {
                    _chars = new char[bytesUnknown.Length];
                }

                for (var i = 0; i < bytesUnknown.Length; i++)
                {
                    _chars[i] = Map[bytesUnknown[i]];
                }

                _count = bytesUnknown.Length;
                _position = 0;
                return _count > 0;
            }

            public override char GetNextChar() => _position < _count ? _chars[_position++] : '\0';

            public override bool MovePrevious()
            {
                if (_position == 0)
                {
                    return false;
                }

                _position--;
                return true;
            }

            public override void Reset()
            {
                _count = 0;
                _position = 0;
            }
        }
    }
}
