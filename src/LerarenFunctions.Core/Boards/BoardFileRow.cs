using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// One school board from DUO's "Adressen bevoegde gezagen": only what the functions need to address a board, not the
/// file's addresses, denomination or registration numbers (data minimisation).
/// </summary>
/// <param name="Line">The 1-based line of the file the row starts on (the header is line 1), to point an operator at it.</param>
/// <param name="Bestuursnummer">From <c>BEVOEGD GEZAG NUMMER</c>.</param>
/// <param name="Naam">From <c>BEVOEGD GEZAG NAAM</c>, trimmed, never empty.</param>
/// <param name="Plaatsnaam">From <c>PLAATSNAAM</c> (the visiting address); null when the column is missing or empty.</param>
/// <param name="Telefoonnummer">
/// From <c>TELEFOONNUMMER</c>; null when the column is missing, empty or not a telephone number, since DUO's data
/// has enough of those that refusing the board for it would refuse boards that are otherwise fine.
/// </param>
/// <param name="EmailAdres">From our own optional column <c>E-MAILADRES</c>; null when the column is missing or empty.</param>
public sealed record BoardFileRow(
    int Line,
    Bestuursnummer Bestuursnummer,
    string Naam,
    string? Plaatsnaam,
    PhoneNumber? Telefoonnummer,
    EmailAddress? EmailAdres);

/// <summary>A row that did not become a <see cref="BoardFileRow"/>, and why, in Dutch for the operator who fixes the file.</summary>
/// <param name="Line">The 1-based line of the file the row starts on (the header is line 1).</param>
/// <param name="Reden">What is wrong with the row; one error per row, its findings joined.</param>
public sealed record BoardFileError(int Line, string Reden);

/// <summary>
/// A read board file: the rows that are fine and the rows that are not. One bad row does not hold up the others,
/// because a sector file has thousands of boards and DUO's data is never entirely clean.
/// </summary>
public sealed record BoardFile(IReadOnlyList<BoardFileRow> Rows, IReadOnlyList<BoardFileError> Errors);
