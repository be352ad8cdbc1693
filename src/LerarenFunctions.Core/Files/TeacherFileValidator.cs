using System.Runtime.ExceptionServices;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// Reads a teacher file (CSV or XLSX, recognised by its content) as a stream and checks it row by row. Valid rows are
/// handed to a callback as they are read, so a file of any size is never held in memory; the findings end up in the
/// <see cref="Terugmelding"/>. No input makes it throw: a file it cannot read is rejected with BESTAND_ONLEESBAAR.
/// Only a failure of the source stream, of the callback, or cancellation reaches the caller.
/// </summary>
public sealed partial class TeacherFileValidator
{
    private readonly TeacherFileRules _rules;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public TeacherFileValidator(IOptions<TeacherFileOptions> options, TimeProvider time, ILogger<TeacherFileValidator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rules = TeacherFileRules.From(options);
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Validates <paramref name="file"/> for the board <paramref name="bestuursnummer"/>, with today (in the Netherlands) as peildatum.</summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="fileName">The name shown in the report.</param>
    /// <param name="bestuursnummer">The board the file was delivered for.</param>
    /// <param name="onValidRecord">Called for every valid row, in file order, as the row is read.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public Task<Terugmelding> ValidateAsync(
        Stream file,
        string fileName,
        Bestuursnummer bestuursnummer,
        Func<TeacherRecord, CancellationToken, ValueTask> onValidRecord,
        CancellationToken cancellationToken) =>
        ValidateAsync(file, fileName, bestuursnummer, AmsterdamTime.Today(_time), RowNumbering.Spreadsheet, onValidRecord, cancellationToken);

    /// <summary>
    /// Validates <paramref name="file"/> for the board <paramref name="bestuursnummer"/>, with today (in the Netherlands)
    /// as peildatum and its rows numbered as <paramref name="numbering"/> says.
    /// </summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="fileName">The name shown in the report.</param>
    /// <param name="bestuursnummer">The board the file was delivered for.</param>
    /// <param name="numbering">How <c>regel</c> is counted in the report.</param>
    /// <param name="onValidRecord">Called for every valid row, in file order, as the row is read.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public Task<Terugmelding> ValidateAsync(
        Stream file,
        string fileName,
        Bestuursnummer bestuursnummer,
        RowNumbering numbering,
        Func<TeacherRecord, CancellationToken, ValueTask> onValidRecord,
        CancellationToken cancellationToken) =>
        ValidateAsync(file, fileName, bestuursnummer, AmsterdamTime.Today(_time), numbering, onValidRecord, cancellationToken);

    /// <summary>Validates <paramref name="file"/> for the board <paramref name="bestuursnummer"/>.</summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="fileName">The name shown in the report.</param>
    /// <param name="bestuursnummer">The board the file was delivered for.</param>
    /// <param name="peildatum">The date ages and "in the future" are measured against.</param>
    /// <param name="onValidRecord">Called for every valid row, in file order, as the row is read.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public Task<Terugmelding> ValidateAsync(
        Stream file,
        string fileName,
        Bestuursnummer bestuursnummer,
        DateOnly peildatum,
        Func<TeacherRecord, CancellationToken, ValueTask> onValidRecord,
        CancellationToken cancellationToken) =>
        ValidateAsync(file, fileName, bestuursnummer, peildatum, RowNumbering.Spreadsheet, onValidRecord, cancellationToken);

    /// <summary>Validates <paramref name="file"/> for the board <paramref name="bestuursnummer"/>.</summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="fileName">The name shown in the report.</param>
    /// <param name="bestuursnummer">The board the file was delivered for.</param>
    /// <param name="peildatum">The date ages and "in the future" are measured against.</param>
    /// <param name="numbering">How <c>regel</c> is counted in the report.</param>
    /// <param name="onValidRecord">Called for every valid row, in file order, as the row is read.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public async Task<Terugmelding> ValidateAsync(
        Stream file,
        string fileName,
        Bestuursnummer bestuursnummer,
        DateOnly peildatum,
        RowNumbering numbering,
        Func<TeacherRecord, CancellationToken, ValueTask> onValidRecord,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(onValidRecord);

        var check = new TeacherFileCheck(_rules, bestuursnummer, peildatum) { Numbering = numbering };
        try
        {
            await ReadAsync(file, check, onValidRecord, cancellationToken);
        }
        // Running out of memory says nothing about the file: it must fail the attempt (and be retried), not reject
        // the delivery for good as unreadable.
        catch (Exception ex) when (!check.InCallback && ex is not OperationCanceledException && ex is not OutOfMemoryException && ex is not InsufficientExecutionStackException)
        {
            if (Find<SourceReadException>(ex) is { InnerException: { } sourceFailure })
            {
                ExceptionDispatchInfo.Throw(sourceFailure);
            }

            var rejection = Find<TeacherFileRejectedException>(ex);
            var cause = rejection is null ? ex : rejection.InnerException;
            if (cause is not null && _logger.IsEnabled(LogLevel.Warning))
            {
                LogUnreadable(_logger, bestuursnummer.Value, cause.GetType().FullName, cause.TargetSite?.DeclaringType?.FullName);
            }

            check.Reject(rejection?.Melding ?? (check.Kind == FileKind.Xlsx ? FileMeldingen.ExcelBeschadigd() : FileMeldingen.Onleesbaar()));
        }

        return check.ToTerugmelding(fileName);
    }

    private async Task ReadAsync(
        Stream file,
        TeacherFileCheck check,
        Func<TeacherRecord, CancellationToken, ValueTask> onValidRecord,
        CancellationToken cancellationToken)
    {
        // Disposing the wrappers leaves the caller's stream open.
        using var source = new SourceStream(file, _rules.MaxFileBytes);
        var atStart = false;
        var fileBytes = 0L;
        if (source.CanSeek)
        {
            var position = source.Position;
            fileBytes = source.Length - position;
            if (fileBytes > _rules.MaxFileBytes)
            {
                throw new TeacherFileRejectedException(FileMeldingen.TeveelBytes(_rules.MaxFileBytes));
            }

            atStart = position == 0;
        }

        var head = new byte[FileSniffer.HeadLength];
        var length = await source.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        check.Kind = FileSniffer.Detect(head.AsSpan(0, length));
        switch (check.Kind)
        {
            case FileKind.Text:
                await CsvTeacherFile.ReadAsync(check, head.AsMemory(0, length), source, fileBytes, _rules.MaxRecordBytes, onValidRecord, cancellationToken);
                break;
            case FileKind.Xlsx when atStart:
                // The zip directory is at the end: the format needs a seekable stream, and a blob stream is one.
                using (var zip = new SourceStream(file, long.MaxValue))
                {
                    await XlsxTeacherFile.ReadAsync(check, zip, _rules, onValidRecord, cancellationToken);
                }

                break;
            case FileKind.Xlsx:
                await ReadXlsxFromTempFileAsync(check, head.AsMemory(0, length), source, onValidRecord, cancellationToken);
                break;
            case FileKind.OldExcel:
                check.Reject(FileMeldingen.OudExcel());
                break;
            case FileKind.Utf16:
                check.Reject(FileMeldingen.Utf16());
                break;
            case FileKind.Binary:
                check.Reject(FileMeldingen.Binair());
                break;
        }
    }

    // A stream that cannot seek is copied to a temporary file, never into memory; the copy counts against the limit.
    private async Task ReadXlsxFromTempFileAsync(
        TeacherFileCheck check,
        ReadOnlyMemory<byte> head,
        SourceStream source,
        Func<TeacherRecord, CancellationToken, ValueTask> onValidRecord,
        CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());
        await using var copy = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81_920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await copy.WriteAsync(head, cancellationToken);
        await source.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        await XlsxTeacherFile.ReadAsync(check, copy, _rules, onValidRecord, cancellationToken);
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    // Never the exception message: a parser may quote the file's content, and that content holds BSNs.
    [LoggerMessage(Level = LogLevel.Warning, Message = "A teacher file of board {Bestuursnummer} is rejected as unreadable: {ExceptionType} in {Origin}")]
    private static partial void LogUnreadable(ILogger logger, string bestuursnummer, string? exceptionType, string? origin);
}

/// <summary>How the rows of a CSV are numbered in its terugmelding (<c>regel</c>); an XLSX is always numbered as Excel shows it.</summary>
public enum RowNumbering
{
    /// <summary>As a spreadsheet shows the file: every line a row, the header regel 1, so the first data row is regel 2.</summary>
    Spreadsheet,

    /// <summary>
    /// The records after the first line counted from 1: for the CSV written from a JSON delivery, so that <c>regel</c> is
    /// the 1-based index in its <c>leraren</c>.
    /// </summary>
    Records,
}
