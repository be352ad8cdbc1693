using LerarenFunctions.Core.Files;
using LerarenFunctions.Infrastructure.Register;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.RegisterSimulator;

/// <summary>
/// What the simulated register holds. A registration is keyed by (bsn, brinnummer, benoemingsgrondslag,
/// begindatum_benoeming) and counts how often it was applied, so a test can prove "exactly once".
/// </summary>
public sealed class RegisterState(IOptions<RegisterSimulatorOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RegisterBatchResponse> _answers = new(StringComparer.Ordinal);
    private readonly Dictionary<RegistrationKey, Registration> _registrations = [];
    private readonly HashSet<string> _unknownBsns = [.. options.Value.UnknownBsns];
    private int _nextId;
    private int _requests;
    private Random _dice = new(options.Value.Faults.Seed);

    /// <summary>The faults in force; tests may change them while the simulator runs.</summary>
    public RegisterFaults Faults { get; } = options.Value.Faults;

    /// <summary>Calls received, retries included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Rolls the dice for a fault in [0, 1).</summary>
    public double Roll()
    {
        lock (_lock)
        {
            return _dice.NextDouble();
        }
    }

    /// <summary>Counts a call that a fault answered before it reached <see cref="Apply"/>.</summary>
    public void CountRequest() => Interlocked.Increment(ref _requests);

    /// <summary>
    /// Applies a batch once per idempotency key: a repeated key gets the first answer and changes nothing.
    /// </summary>
    public RegisterBatchResponse Apply(string idempotencyKey, RegisterBatchRequest batch)
    {
        lock (_lock)
        {
            _requests++;
            if (_answers.TryGetValue(idempotencyKey, out var earlier))
            {
                return earlier;
            }

            var results = new List<RegisterRecordResult>(batch.Leraren.Count);
            foreach (var leraar in batch.Leraren)
            {
                var bsn = leraar.GetValueOrDefault(TeacherFileColumns.Bsn) ?? string.Empty;
                if (_unknownBsns.Contains(bsn))
                {
                    results.Add(new RegisterRecordResult(RegisterContract.Afgewezen, null, "BSN_ONBEKEND_IN_BRP"));
                    continue;
                }

                var key = new RegistrationKey(
                    bsn,
                    leraar.GetValueOrDefault(TeacherFileColumns.Brinnummer) ?? string.Empty,
                    leraar.GetValueOrDefault(TeacherFileColumns.Benoemingsgrondslag) ?? string.Empty,
                    leraar.GetValueOrDefault(TeacherFileColumns.BegindatumBenoeming) ?? string.Empty);
                if (_registrations.TryGetValue(key, out var existing))
                {
                    existing.Applied++;
                    existing.Bestuursnummer = batch.Bestuursnummer;
                }
                else
                {
                    existing = new Registration($"REG-{++_nextId:D8}", batch.Bestuursnummer, key) { Applied = 1 };
                    _registrations[key] = existing;
                }

                results.Add(new RegisterRecordResult(RegisterContract.Geregistreerd, existing.Id, null));
            }

            var answer = new RegisterBatchResponse(results);
            _answers[idempotencyKey] = answer;
            return answer;
        }
    }

    public IReadOnlyList<RegistrationView> List()
    {
        lock (_lock)
        {
            return [.. _registrations.Values.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => new RegistrationView(
                r.Id, r.Bestuursnummer, r.Key.Bsn, r.Key.Brinnummer, r.Key.Benoemingsgrondslag, r.Key.BegindatumBenoeming, r.Applied))];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _answers.Clear();
            _registrations.Clear();
            _requests = 0;
            _dice = new Random(Faults.Seed);
        }
    }

    private sealed record RegistrationKey(string Bsn, string Brinnummer, string Benoemingsgrondslag, string BegindatumBenoeming);

    private sealed class Registration(string id, string bestuursnummer, RegistrationKey key)
    {
        public string Id { get; } = id;

        public string Bestuursnummer { get; set; } = bestuursnummer;

        public RegistrationKey Key { get; } = key;

        public int Applied { get; set; }
    }
}

/// <summary>One registration as the simulator lists it. <c>toegepast</c> counts how often it was applied.</summary>
public sealed record RegistrationView(
    string RegistratieId,
    string Bestuursnummer,
    string Bsn,
    string Brinnummer,
    string Benoemingsgrondslag,
    string BegindatumBenoeming,
    int Toegepast);
