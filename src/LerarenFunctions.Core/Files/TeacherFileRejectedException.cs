namespace LerarenFunctions.Core.Files;

/// <summary>
/// A file rule failed while reading: the file is rejected with <see cref="Melding"/> and reading stops. A parser
/// error behind it is kept as the inner exception for the log, never shown to the board.
/// </summary>
internal sealed class TeacherFileRejectedException(Melding melding, Exception? cause = null) : Exception(melding.Code, cause)
{
    public Melding Melding { get; } = melding;
}
