using System.Globalization;
using System.Text.Json;

namespace LerarenFunctions.Core.Files;

// Parser: the body's shape checked token by token, each record's values written as they end.
internal static partial class JsonTeacherRecords
{
    /// <summary>The shape of the body, token by token, across the chunks it arrives in.</summary>
    private sealed class Parser(BinaryWriter output, int maxRecords)
    {
        private readonly string?[] _values = new string?[TeacherFileColumns.All.Count];
        private readonly List<string> _unknown = [];
        private readonly HashSet<string> _unknownSeen = new(StringComparer.OrdinalIgnoreCase);
        private Expect _expect = Expect.Root;
        private bool _hadRecords;
        private int _column;
        private string _name = string.Empty;

        private enum Expect
        {
            Root,
            RootProperty,
            RecordList,
            RecordOrEnd,
            RecordProperty,
            RecordValue,
            Done,
        }

        /// <summary>The records read so far (complete or started).</summary>
        public int Records { get; private set; }

        /// <summary>The 1-based index of the record being read, or of the next one between records.</summary>
        public int Current => _expect is Expect.RecordProperty or Expect.RecordValue ? Records : Records + 1;

        public IReadOnlyList<string> UnknownNames => _unknown;

        public void Token(ref Utf8JsonReader reader)
        {
            switch (_expect, reader.TokenType)
            {
                case (Expect.Root, JsonTokenType.StartObject):
                    _expect = Expect.RootProperty;
                    break;
                case (Expect.RootProperty, JsonTokenType.PropertyName) when !_hadRecords && reader.ValueTextEquals(RecordsProperty):
                    _hadRecords = true;
                    _expect = Expect.RecordList;
                    break;
                case (Expect.RootProperty, JsonTokenType.PropertyName) when reader.ValueTextEquals(RecordsProperty):
                    throw Invalid($"De eigenschap '{RecordsProperty}' staat meer dan één keer in de body.");
                case (Expect.RootProperty, JsonTokenType.PropertyName):
                    throw Invalid($"De body heeft een onbekende eigenschap; stuur alleen '{RecordsProperty}' (kleine letters).");
                case (Expect.RootProperty, JsonTokenType.EndObject) when _hadRecords:
                    _expect = Expect.Done;
                    break;
                case (Expect.RecordList, JsonTokenType.StartArray):
                    _expect = Expect.RecordOrEnd;
                    break;
                case (Expect.RecordList, _):
                    throw Invalid($"De eigenschap '{RecordsProperty}' moet een lijst (JSON-array) van leraren zijn.");
                case (Expect.RecordOrEnd, JsonTokenType.StartObject):
                    if (Records == maxRecords)
                    {
                        throw new JsonDeliveryException(JsonDeliveryProblem.TooManyRecords, string.Create(CultureInfo.InvariantCulture,
                            $"Een levering mag hoogstens {maxRecords} leraren bevatten. Verdeel de leraren over meerdere leveringen."));
                    }

                    Records++;
                    Array.Clear(_values);
                    _expect = Expect.RecordProperty;
                    break;
                case (Expect.RecordOrEnd, JsonTokenType.EndArray):
                    _expect = Expect.RootProperty;
                    break;
                case (Expect.RecordOrEnd, _):
                    throw Invalid(string.Create(CultureInfo.InvariantCulture,
                        $"Leraar {Records + 1} in '{RecordsProperty}' is geen JSON-object; geef elke leraar als {{\"kolom\": \"waarde\", ...}}."));
                case (Expect.RecordProperty, JsonTokenType.PropertyName):
                    Name(reader.GetString()!);
                    _expect = Expect.RecordValue;
                    break;
                case (Expect.RecordProperty, JsonTokenType.EndObject):
                    foreach (var value in _values)
                    {
                        output.Write(value ?? string.Empty);
                    }

                    _expect = Expect.RecordOrEnd;
                    break;
                case (Expect.RecordValue, JsonTokenType.String):
                    Value(reader.GetString()!);
                    _expect = Expect.RecordProperty;
                    break;
                case (Expect.RecordValue, JsonTokenType.Null):
                    _expect = Expect.RecordProperty;
                    break;
                case (Expect.RecordValue, _):
                    throw Invalid(string.Create(CultureInfo.InvariantCulture,
                        $"Leraar {Records} in '{RecordsProperty}': de waarde van '{_name}' is geen tekst. Geef elke waarde als tekst tussen aanhalingstekens, bijvoorbeeld \"{TeacherFileColumns.Brinnummer}\": \"12AB\"."));
                default:
                    throw Invalid($"De body moet een JSON-object zijn van de vorm {{\"{RecordsProperty}\": [ {{\"kolom\": \"waarde\", ...}}, ... ]}}.");
            }
        }

        public void Finish()
        {
            output.Flush();
            if (_expect != Expect.Done)
            {
                throw Invalid($"De body moet een JSON-object zijn van de vorm {{\"{RecordsProperty}\": [ {{\"kolom\": \"waarde\", ...}}, ... ]}}.");
            }
        }

        private void Name(string raw)
        {
            // As a column name of a file: trimmed, case-insensitive.
            var name = raw.Trim().TrimStart('\uFEFF').Trim();
            if (name.Length == 0)
            {
                throw Invalid(string.Create(CultureInfo.InvariantCulture, $"Leraar {Records} in '{RecordsProperty}' heeft een eigenschap zonder naam."));
            }

            if (ColumnsByName.TryGetValue(name, out var column))
            {
                _name = TeacherFileColumns.All[column];
                if (_values[column] is not null)
                {
                    throw Invalid(string.Create(CultureInfo.InvariantCulture,
                        $"Leraar {Records} in '{RecordsProperty}' heeft de eigenschap '{_name}' meer dan één keer."));
                }

                _column = column;
                _values[column] = string.Empty;
                return;
            }

            // An unknown name may be anything, a BSN too: echoed as a terugmelding would echo it.
            _name = Privacy.Echo(name)!;
            _column = -1;
            if (_unknown.Count < MaxUnknownNames && _unknownSeen.Add(name))
            {
                _unknown.Add(name);
            }
        }

        private void Value(string value)
        {
            foreach (var c in value)
            {
                // A control character would make the file look binary to the validator, which reads it by its content.
                if (c < ' ' && c is not ('\t' or '\r' or '\n'))
                {
                    throw Invalid(string.Create(CultureInfo.InvariantCulture,
                        $"Leraar {Records} in '{RecordsProperty}': de waarde van '{_name}' bevat een stuurteken."));
                }
            }

            if (_column >= 0)
            {
                _values[_column] = value;
            }
        }
    }
}
