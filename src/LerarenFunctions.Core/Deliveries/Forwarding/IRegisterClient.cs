namespace LerarenFunctions.Core.Deliveries;

/// <summary>The register's HTTP API.</summary>
public interface IRegisterClient
{
    /// <summary>
    /// Sends a batch. The same <paramref name="idempotencyKey"/> must be used for every retry of the same batch,
    /// so the register applies it once whatever happens on the way.
    /// </summary>
    /// <exception cref="RegisterRefusedException">Refused for good (a 4xx other than 408 and 429).</exception>
    /// <exception cref="RegisterUnavailableException">No usable answer this time (also <see cref="RegisterAnswerInvalidException"/>).</exception>
    Task<IReadOnlyList<RecordResult>> SubmitAsync(Domain.Bestuursnummer bestuursnummer, IReadOnlyList<TeacherRecord> records, string idempotencyKey, CancellationToken cancellationToken);
}

public static class ForwardingLimits
{
    /// <summary>
    /// The register's default batch size. A batch is stored packed in one table entity (at most 1 MB): a hundred rows
    /// of sixteen 200-character fields stay well below that even uncompressed.
    /// </summary>
    public const int MaxBatchSize = 100;
}
