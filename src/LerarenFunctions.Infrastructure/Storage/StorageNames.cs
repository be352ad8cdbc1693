namespace LerarenFunctions.Infrastructure.Storage;

/// <summary>
/// Every storage name in one place: the hosts' trigger attributes, the stores and the infra scripts use these.
/// Containers and queues are lower case; tables are alphanumeric.
/// </summary>
public static class StorageNames
{
    /// <summary>The app setting that holds the storage connection, for the triggers and for the SDK clients alike.</summary>
    public const string Connection = "AzureWebJobsStorage";

    /// <summary>Boards drop their files here: <c>{bestuursnummer}/{bestandsnaam}</c>.</summary>
    public const string UploadsContainer = "aanleveringen";

    /// <summary>The trigger path of <see cref="UploadsContainer"/>.</summary>
    public const string UploadsTriggerPath = UploadsContainer + "/{name}";

    /// <summary>
    /// Terugmeldingen: each delivery's own at <c>{bestuursnummer}/aanleveringen/{aanleveringId}/terugmelding.json</c>,
    /// and a copy of the newest of a name at <c>{bestuursnummer}/{bestandsnaam}.terugmelding.json</c> with a CSV next to it.
    /// </summary>
    public const string ReportsContainer = "terugmeldingen";

    /// <summary>Claim checks of batches waiting for the register.</summary>
    public const string ForwardingQueue = "doorsturen";

    /// <summary>Where the queue trigger moves a claim check after its last attempt (the runtime's naming rule).</summary>
    public const string ForwardingPoisonQueue = ForwardingQueue + PoisonSuffix;

    /// <summary>E-mails to send: a message holds an outbox id.</summary>
    public const string EmailQueue = "email";

    /// <summary>The runtime's suffix for the poison queue of a queue.</summary>
    public const string PoisonSuffix = "-poison";

    /// <summary>
    /// Deliveries (partition = delivery id, row key <c>aanlevering</c>), with their index for the timers: partition
    /// <c>index</c>, a row <c>lopend-{id}</c> per delivery that is not final and <c>afgerond-{jjjjMMddHHmmss}-{id}</c> per
    /// final one, in order of completion.
    /// </summary>
    public const string DeliveriesTable = "Aanleveringen";

    /// <summary>
    /// Batches (partition = delivery id, row key = batch number): the valid rows until the register has answered for
    /// them, then the answers.
    /// </summary>
    public const string BatchesTable = "Batches";

    /// <summary>Each board's claims on file contents (partition = bestuursnummer, row key = content hash).</summary>
    public const string ContentClaimsTable = "Inhoudsclaims";

    /// <summary>
    /// Uploads over HTTP sent with an <c>Idempotency-Key</c> (partition = bestuursnummer, row key = SHA-256 of the key):
    /// the body's hash and the delivery it became, so a retry gets the first answer.
    /// </summary>
    public const string IdempotencyTable = "Idempotentie";

    /// <summary>Batches given up on, until an operator replays them.</summary>
    public const string DeadLettersTable = "DodeLetters";

    public static IReadOnlyList<string> Containers { get; } = [UploadsContainer, ReportsContainer];

    /// <summary>Queues the app sends to; each has a poison queue named with <see cref="PoisonSuffix"/>.</summary>
    public static IReadOnlyList<string> Queues { get; } = [ForwardingQueue, EmailQueue];

    /// <summary>
    /// The board registry, in one partition <c>besturen</c>: a row <c>bestuur-{bestuursnummer}</c> per board and
    /// <c>historie-{bestuursnummer}-{newest first}</c> per change, so a change and its history entry are one transaction
    /// and a run over all boards is one query; the index rows <c>historie-tijd-…</c> (history by time, for the retention)
    /// and <c>zonder-contactpersoon-…</c> (boards without one) are written in that same transaction.
    /// </summary>
    public const string BoardsTable = "Besturen";

    /// <summary>
    /// The outbox: a row per e-mail (partition = its id), and a partition <c>index</c> with a row <c>wachtend-{id}</c>
    /// per e-mail not yet sent and <c>mislukt-{id}</c> per e-mail given up.
    /// </summary>
    public const string OutboxTable = "Uitgaand";

    /// <summary>Board keys (partition = bestuursnummer, row key = key id): the hash of each key, never the key.</summary>
    public const string KeysTable = "Sleutels";

    /// <summary>
    /// Sign-in sessions of the pages (partition = the UTC date the session expires, <c>jjjjMMdd</c>; row key = SHA-256 of
    /// the cookie's random part), so the expired ones are one range of partitions.
    /// </summary>
    public const string SessionsTable = "Sessies";

    public static IReadOnlyList<string> Tables { get; } = [DeliveriesTable, BatchesTable, ContentClaimsTable, DeadLettersTable, BoardsTable, OutboxTable, KeysTable, IdempotencyTable, SessionsTable];
}
