namespace LerarenFunctions.Core.Deliveries;

/// <summary>The register refused a batch for good (HTTP 400 or 422): sending it again would get the same answer.</summary>
public sealed class RegisterRefusedException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>The register could not be reached or gave no usable answer this time; a later attempt may succeed.</summary>
public class RegisterUnavailableException(string message, Exception? inner) : Exception(message, inner);

/// <summary>
/// The register answered, but not as the contract says (no results, another number of results than records, a status
/// the contract does not know). The answer cannot be trusted for any record; the batch is tried again like after an
/// outage, and dead-lettered with reason <c>REGISTER_ANTWOORD_ONGELDIG</c> when that keeps happening.
/// </summary>
public sealed class RegisterAnswerInvalidException(string message, Exception? inner = null) : RegisterUnavailableException(message, inner);
