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

    /// <summary>
    /// When set (400 or 422), every call is refused with this status: a permanent error. The problem's <c>detail</c>
    /// quotes the first teacher's BSN, as a real register's error text might, so tests can prove the client masks it.
    /// </summary>
    public int? RefuseWithStatus { get; set; }

    /// <summary>
    /// When set, every call that gets as far as being applied is applied (and its proper answer remembered under the
    /// key), and then answered <c>200</c> with a body that breaks the contract in this way. Applying first is the
    /// harder case for the client: the register did the work, but its answer cannot be trusted, so the batch must be
    /// tried again and, once the fault is off, get the first answer back without being applied twice.
    /// </summary>
    public BrokenAnswerKind? BrokenAnswer { get; set; }

    /// <summary>Seed of the fault dice, so a failing run can be repeated.</summary>
    public int Seed { get; set; } = 1;
}

/// <summary>
/// How <see cref="RegisterFaults.BrokenAnswer"/> breaks the contract of a <c>200</c> answer. Where one result is
/// broken, it is the first one.
/// </summary>
public enum BrokenAnswerKind
{
    /// <summary>No body at all.</summary>
    GeenBody,

    /// <summary>An HTML page (<c>text/html</c>), as a gateway or maintenance page would answer.</summary>
    GeenJson,

    /// <summary>Labelled <c>application/json</c>, but cut off halfway: not valid JSON.</summary>
    OngeldigeJson,

    /// <summary><c>{"resultaten": null}</c>.</summary>
    ResultatenNull,

    /// <summary>A JSON object without <c>resultaten</c>.</summary>
    ResultatenOntbreken,

    /// <summary><c>resultaten</c> is an object instead of a list.</summary>
    ResultatenGeenLijst,

    /// <summary>The first result is <c>null</c>.</summary>
    ResultaatNull,

    /// <summary>The last result is left out: one result fewer than teachers sent.</summary>
    TeWeinigResultaten,

    /// <summary>The first result is repeated at the end: one result more than teachers sent.</summary>
    TeVeelResultaten,

    /// <summary>The first result has status <c>onbekend</c>.</summary>
    OnbekendeStatus,

    /// <summary>The first result has status <c>Geregistreerd</c>: the right word, the wrong case.</summary>
    StatusHoofdletter,

    /// <summary>The first result has status <c>null</c>.</summary>
    StatusNull,

    /// <summary>The first result is <c>geregistreerd</c> without a <c>registratieId</c>.</summary>
    ZonderRegistratieId,

    /// <summary>The first result is <c>afgewezen</c> without a <c>reden</c>.</summary>
    ZonderReden,

    /// <summary>The first result is <c>geregistreerd</c> with a <c>registratieId</c> and a <c>reden</c> as well.</summary>
    RegistratieIdEnReden,

    /// <summary>The first result is <c>afgewezen</c> with a <c>reden</c> and a <c>registratieId</c> as well.</summary>
    AfgewezenMetRegistratieId,
}
