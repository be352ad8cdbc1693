namespace LerarenFunctions.RegisterSimulator;

/// <summary>How the simulated register behaves.</summary>
public sealed class RegisterSimulatorOptions
{
    public const string SectionName = "RegisterSimulator";

    /// <summary>BSNs the simulated BRP does not know: records with them are answered <c>afgewezen</c>, <c>BSN_ONBEKEND_IN_BRP</c>.</summary>
    public IList<string> UnknownBsns { get; } = [];

    /// <summary>Faults to inject; all off by default.</summary>
    public RegisterFaults Faults { get; set; } = new();
}

/// <summary>
/// Faults the simulator injects into <c>POST /v1/aanleveringen</c>, to prove the forwarding survives them.
/// Settable at start (configuration) and at run time (tests change them through <see cref="RegisterState.Faults"/>).
/// </summary>
public sealed class RegisterFaults
{
    /// <summary>Share of calls (0..1) answered 503 before anything is applied.</summary>
    public double ServiceUnavailableRate { get; set; }

    /// <summary>Share of calls (0..1) answered 429 with <c>Retry-After</c> before anything is applied.</summary>
    public double TooManyRequestsRate { get; set; }

    /// <summary>The <c>Retry-After</c> of a 429, in seconds.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Latency added to every call.</summary>
    public TimeSpan ExtraLatency { get; set; }

    /// <summary>
    /// Share of calls (0..1) that are applied and then hang for <see cref="HangDuration"/>: the client gives up,
    /// retries, and must get the first answer back without the batch being applied twice.
    /// </summary>
    public double HangRate { get; set; }

    public TimeSpan HangDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An outage: every call is answered 503 from <see cref="OutageStart"/> for <see cref="OutageDuration"/>.</summary>
    public DateTimeOffset? OutageStart { get; set; }

    public TimeSpan OutageDuration { get; set; }

    /// <summary>When set (400 or 422), every call is refused with this status: a permanent error.</summary>
    public int? RefuseWithStatus { get; set; }

    /// <summary>Seed of the fault dice, so a failing run can be repeated.</summary>
    public int Seed { get; set; } = 1;
}
