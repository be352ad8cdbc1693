using System.Collections.Concurrent;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>
/// A register for Core's rule tests: answers every record <c>geregistreerd</c> unless <see cref="Answer"/> says
/// otherwise, and counts calls and applications per idempotency key as the real register does (first answer kept).
/// </summary>
public sealed class FakeRegisterClient : IRegisterClient
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<RecordResult>> _answered = new();

    /// <summary>Decides a call's answer: return results, or throw a register exception. Null: the usual answer.</summary>
    public Func<IReadOnlyList<TeacherRecord>, IReadOnlyList<RecordResult>?>? Answer { get; set; }

    public int Calls { get; private set; }

    /// <summary>Batches applied, by idempotency key: each at most once, as the register promises.</summary>
    public IReadOnlyCollection<string> Applied => [.. _answered.Keys];

    public Task<IReadOnlyList<RecordResult>> SubmitAsync(Bestuursnummer bestuursnummer, IReadOnlyList<TeacherRecord> records, string idempotencyKey, CancellationToken cancellationToken)
    {
        Calls++;
        if (_answered.TryGetValue(idempotencyKey, out var first))
        {
            return Task.FromResult(first);
        }

        var results = Answer?.Invoke(records)
            ?? [.. records.Select(r => new RecordResult(r.Row, RecordOutcome.Geregistreerd, $"REG-{r.Row}", null))];
        _answered[idempotencyKey] = results;
        return Task.FromResult(results);
    }
}
