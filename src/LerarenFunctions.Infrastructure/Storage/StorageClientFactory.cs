using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Infrastructure.Storage;

/// <summary>
/// Builds the storage service clients from <see cref="StorageOptions"/> with Microsoft.Extensions.Azure's
/// <see cref="AzureComponentFactory"/>, the factory the Functions host and the WebJobs extensions use, so a setting means
/// the same to our clients as to the triggers. Our settings are mapped to the configuration shape the factory expects
/// (<c>connectionString</c>; <c>serviceUri</c> for blobs and queues, <c>endpoint</c> for tables), one small section per
/// client. A credential is built only under identity-based settings, and always with <c>credential=managedidentity</c>:
/// given no credential keys the factory would fall back to DefaultAzureCredential, whose chain probes developer tools
/// and the instance metadata endpoint, which is not how this app should ever sign in.
/// </summary>
public sealed class StorageClientFactory
{
    /// <summary>For tools and tests that build clients without a container; one per process is enough.</summary>
    private static readonly Lazy<AzureComponentFactory> Standalone = new(() =>
    {
        var services = new ServiceCollection();
        services.AddAzureClientsCore();
        return services.BuildServiceProvider().GetRequiredService<AzureComponentFactory>();
    });

    private readonly StorageOptions _options;
    private readonly AzureComponentFactory _components;
    private readonly Lazy<TokenCredential?> _credential;

    public StorageClientFactory(IOptions<StorageOptions> options, AzureComponentFactory? components = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _components = components ?? Standalone.Value;
        _credential = new Lazy<TokenCredential?>(CreateCredential);
    }

    /// <summary>Whether the clients sign in with the managed identity (no account key: upload links need a user delegation key).</summary>
    public bool UsesIdentity => _options.UsesIdentity;

    /// <summary>The one credential all clients share (one token cache), or null with a connection string.</summary>
    public TokenCredential? Credential => _credential.Value;

    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions clientOptions) =>
        Create<BlobServiceClient>(StorageService.Blob, "serviceUri", clientOptions);

    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions clientOptions) =>
        Create<QueueServiceClient>(StorageService.Queue, "serviceUri", clientOptions);

    public TableServiceClient CreateTableServiceClient(TableClientOptions clientOptions) =>
        Create<TableServiceClient>(StorageService.Table, "endpoint", clientOptions);

    private T Create<T>(StorageService service, string endpointKey, ClientOptions clientOptions)
    {
        ArgumentNullException.ThrowIfNull(clientOptions);
        var section = _options.UsesIdentity
            ? Section((endpointKey, _options.ServiceUri(service).AbsoluteUri))
            : Section(("connectionString", _options.ConnectionString));
        return (T)_components.CreateClient(typeof(T), section, Credential, clientOptions);
    }

    private TokenCredential? CreateCredential()
    {
        if (!_options.UsesIdentity)
        {
            return null;
        }

        // Always 'managedidentity': without it a client id alone would make the factory build DefaultAzureCredential.
        var clientId = string.IsNullOrWhiteSpace(_options.ClientId) ? null : _options.ClientId.Trim();
        return _components.CreateTokenCredential(Section((StorageOptions.CredentialKey, StorageOptions.ManagedIdentity), (StorageOptions.ClientIdKey, clientId)));
    }

    private static IConfiguration Section(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Key, v.Value)))
            .Build();
}
