using System.Text.Encodings.Web;
using System.Text.Json;

namespace LerarenFunctions.Core.Files;

/// <summary>The terugmelding as JSON, the same wherever it is written or served.</summary>
public static class TerugmeldingJson
{
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // Reports are read by people; Dutch text stays readable. The content type keeps it from being run as script.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] ToBytes(Terugmelding terugmelding) => JsonSerializer.SerializeToUtf8Bytes(terugmelding, Options);

    /// <summary>Writes the JSON to <paramref name="output"/> as it is made: a report of many meldingen is never held whole.</summary>
    public static Task WriteAsync(Stream output, Terugmelding terugmelding, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(output, terugmelding, Options, cancellationToken);

    /// <exception cref="JsonException">The bytes are no terugmelding.</exception>
    public static Terugmelding FromBytes(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<Terugmelding>(json, Options) ?? throw new JsonException("A terugmelding cannot be null.");
}
