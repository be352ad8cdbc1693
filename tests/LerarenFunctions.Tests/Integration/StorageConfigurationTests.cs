using System.Net;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Health;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.LocalHost.Development;
using LerarenFunctions.LocalHost.Hosting;
using LerarenFunctions.Tests.Cli;
using LerarenFunctions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Tests.Integration;

/// <summary>
/// One storage configuration, two shapes: a connection string (Azurite) or the identity-based settings the Functions
/// host reads, built into clients by the app's own composition. Nothing here reaches Azure or asks the instance
/// metadata endpoint for a token: identity clients are inspected, or sent to a fake transport with a fake token.
/// </summary>
public sealed class StorageConfigurationTests
{
    /// <summary>A made-up client id of a user-assigned identity.</summary>
    private const string ClientId = "0b5e7c1d-2f3a-4b6c-9d8e-7f6a5b4c3d2e";

    // Names that never need DNS here: no request leaves the process (a fake transport answers, or none is sent).
    private const string BlobUri = "https://lerarentest.blob.localhost/";
    private const string QueueUri = "https://lerarentest.queue.localhost/";
    private const string TableUri = "https://lerarentest.table.localhost/";

    private static Dictionary<string, string?> IdentitySettings() => new()
    {
        ["AzureWebJobsStorage:blobServiceUri"] = BlobUri,
        ["AzureWebJobsStorage:queueServiceUri"] = QueueUri,
        ["AzureWebJobsStorage:tableServiceUri"] = TableUri,
        ["AzureWebJobsStorage:credential"] = "managedidentity",
        ["AzureWebJobsStorage:clientId"] = ClientId,
    };

    [Fact]
    public void AddLerarenFunctionsStorage_BuildsAzuriteClientsWithoutCredential_WhenConnectionStringIsDevelopmentStorage()
    {
        var (services, factory) = ComposeStorage(new() { [StorageNames.Connection] = "UseDevelopmentStorage=true" });
        using (services)
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            var clients = services.GetRequiredService<StorageClients>();

            Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), clients.Blobs.Uri);
            Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), clients.Queues.Uri);
            Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), clients.Tables.Uri);
            // The account key signs upload links on Azurite.
            Assert.True(clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer).GetBlobClient("10053/a.csv").CanGenerateSasUri);
            Assert.Null(services.GetRequiredService<StorageClientFactory>().Credential);
            Assert.Empty(factory.CredentialRequests);
        }
    }

    [Fact]
    public void AddLerarenFunctionsStorage_BuildsManagedIdentityClientsOnTheConfiguredUris_WhenIdentitySettingsAreSet()
    {
        var (services, factory) = ComposeStorage(IdentitySettings());
        using (services)
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            var clients = services.GetRequiredService<StorageClients>();

            Assert.Equal(new Uri(BlobUri), clients.Blobs.Uri);
            Assert.Equal(new Uri(QueueUri), clients.Queues.Uri);
            Assert.Equal(new Uri(TableUri), clients.Tables.Uri);
            Assert.Equal("lerarentest", clients.Blobs.AccountName);
            // No account key anywhere: upload links must be user delegation SAS.
            Assert.False(clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer).GetBlobClient("10053/a.csv").CanGenerateSasUri);

            // One credential for all three clients, asked for as a managed identity with this client id, never left to
            // the factory's DefaultAzureCredential fallback.
            var credential = Assert.Single(factory.Credentials);
            Assert.IsType<ManagedIdentityCredential>(credential);
            Assert.Same(credential, services.GetRequiredService<StorageClientFactory>().Credential);
            Assert.Equal(
                new Dictionary<string, string?> { ["clientId"] = ClientId, ["credential"] = "managedidentity" },
                Assert.Single(factory.CredentialRequests));
        }
    }

    [Fact]
    public void AddLerarenFunctionsStorage_AsksForTheSystemAssignedIdentity_WhenNoClientIdOrCredentialIsSet()
    {
        var settings = IdentitySettings();
        settings.Remove("AzureWebJobsStorage:clientId");
        settings.Remove("AzureWebJobsStorage:credential");
        var (services, factory) = ComposeStorage(settings);
        using (services)
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            _ = services.GetRequiredService<StorageClients>().Tables;

            Assert.IsType<ManagedIdentityCredential>(Assert.Single(factory.Credentials));
            Assert.Equal(new Dictionary<string, string?> { ["credential"] = "managedidentity" }, Assert.Single(factory.CredentialRequests));
        }
    }

    [Fact]
    public void AddLerarenFunctionsStorage_DerivesThePublicCloudUris_WhenOnlyTheAccountNameIsSet()
    {
        var (services, _) = ComposeStorage(new() { ["AzureWebJobsStorage:accountName"] = "lerarentest" });
        using (services)
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            var clients = services.GetRequiredService<StorageClients>();

            Assert.Equal(new Uri("https://lerarentest.blob.core.windows.net/"), clients.Blobs.Uri);
            Assert.Equal(new Uri("https://lerarentest.queue.core.windows.net/"), clients.Queues.Uri);
            Assert.Equal(new Uri("https://lerarentest.table.core.windows.net/"), clients.Tables.Uri);
        }
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:tableServiceUri", null, "AzureWebJobsStorage__tableServiceUri")]
    [InlineData("AzureWebJobsStorage:queueServiceUri", "", "AzureWebJobsStorage__queueServiceUri")]
    [InlineData("AzureWebJobsStorage:blobServiceUri", "http://lerarentest.blob.localhost/", "AzureWebJobsStorage__blobServiceUri")]
    [InlineData("AzureWebJobsStorage:blobServiceUri", "lerarentest.blob.core.windows.net", "AzureWebJobsStorage__blobServiceUri")]
    [InlineData("AzureWebJobsStorage:credential", "clientsecret", "AzureWebJobsStorage__credential")]
    [InlineData("AzureWebJobsStorage:clientId", "mijn-identiteit", "AzureWebJobsStorage__clientId")]
    [InlineData("AzureWebJobsStorage:accountName", "lerarentest", "AzureWebJobsStorage__accountName")]
    public void Validate_NamesTheSetting_WhenAnIdentitySettingIsMissingOrBad(string key, string? value, string setting)
    {
        var settings = IdentitySettings();
        settings[key] = value;

        Assert.Contains(setting, ValidationMessages(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesAzureWebJobsStorage_WhenNeitherAConnectionStringNorIdentitySettingsAreSet()
    {
        var message = ValidationMessages(new() { ["Register:BaseUrl"] = "http://127.0.0.1:1/" });

        Assert.Contains("'AzureWebJobsStorage' is missing", message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("ConnectionStrings:AzureWebJobsStorage")]
    public void Validate_RefusesBothShapes_WhenAConnectionStringAndServiceUrisAreSet(string connectionKey)
    {
        var settings = IdentitySettings();
        settings[connectionKey] = "UseDevelopmentStorage=true";

        var message = ValidationMessages(settings);

        // The triggers would take the connection string: the app does not start on a mix.
        Assert.Contains("'AzureWebJobsStorage' (a connection string) and identity-based settings", message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__blobServiceUri", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_SignsAUserDelegationSasWithTheIdentitysKey_WhenStorageUsesIdentity()
    {
        using var storage = new FakeStorage();
        var (services, _) = ComposeStorage(IdentitySettings(), storage);
        using (services)
        {
            var links = services.GetRequiredService<IUploadLinks>();

            var link = await links.CreateAsync("10053/upload/leraren.csv", DateTimeOffset.UtcNow.AddMinutes(15), CancellationToken.None);

            var request = Assert.Single(storage.Requests);
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Contains("comp=userdelegationkey", request.Uri.Query, StringComparison.Ordinal);
            Assert.Equal("Bearer nep-token", request.Authorization);
            Assert.StartsWith($"{BlobUri}{StorageNames.UploadsContainer}/10053/upload/leraren.csv?", link.AbsoluteUri, StringComparison.Ordinal);
            var query = link.Query;
            Assert.Contains($"skoid={FakeStorage.ObjectId}", query, StringComparison.Ordinal);
            Assert.Contains("sp=cw", query, StringComparison.Ordinal);
            Assert.Contains("spr=https", query, StringComparison.Ordinal);
            Assert.Contains("sig=", query, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SendMessageAsync_SendsBase64AndIsCounted_WhenStorageUsesIdentity()
    {
        using var storage = new FakeStorage();
        var (services, _) = ComposeStorage(IdentitySettings(), storage);
        using (services)
        {
            var clients = services.GetRequiredService<StorageClients>();

            await clients.Queues.GetQueueClient(StorageNames.ForwardingQueue).SendMessageAsync("claim-check");

            var request = Assert.Single(storage.Requests);
            Assert.Equal($"{QueueUri}{StorageNames.ForwardingQueue}/messages", request.Uri.GetLeftPart(UriPartial.Path));
            Assert.Equal("Bearer nep-token", request.Authorization);
            Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes("claim-check")), request.Body, StringComparison.Ordinal);
            Assert.Equal(1, services.GetRequiredService<StorageRequestCounter>().Snapshot().Queue);
        }
    }

    [Fact]
    public async Task CheckHealthAsync_AsksTheTablesWithTheIdentity_WhenStorageUsesIdentity()
    {
        using var storage = new FakeStorage();
        var (services, _) = ComposeStorage(IdentitySettings(), storage);
        using (services)
        {
            var check = ActivatorUtilities.CreateInstance<StorageHealthCheck>(services);

            var result = await check.CheckHealthAsync(new HealthCheckContext());

            Assert.Equal(HealthStatus.Healthy, result.Status);
            var request = Assert.Single(storage.Requests);
            Assert.Equal($"{TableUri}Tables", request.Uri.GetLeftPart(UriPartial.Path));
            Assert.Equal("Bearer nep-token", request.Authorization);
        }
    }

    [Fact]
    public void WorkerComposition_ValidatesAndResolvesEveryFunction_WhenStorageUsesIdentity()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(TestKeys.HostDefaults);
        builder.Configuration.AddInMemoryCollection(IdentitySettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Register:BaseUrl"] = "http://127.0.0.1:1/" });
        builder.AddLerarenFunctions();
        // Built, not started: starting creates the containers, which would ask for a token.
        using var services = (ServiceProvider)builder.Build().Services;

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.All(WorkerHost.FunctionTypes, type => Assert.NotNull(ActivatorUtilities.CreateInstance(services, type)));
        Assert.NotNull(services.GetRequiredService<StorageHealthCheck>());
        Assert.Equal(new Uri(TableUri), services.GetRequiredService<StorageClients>().Tables.Uri);
    }

    [Fact]
    public async Task LocalHostComposition_ValidatesWithoutStartingAzurite_WhenStorageUsesIdentity()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(TestKeys.HostDefaults);
        builder.Configuration.AddInMemoryCollection(IdentitySettings());
        // The LocalHost's appsettings.json names Azurite; identity settings replace it, they do not add to it.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [StorageNames.Connection] = "" });
        builder.AddLocalAzurite();
        builder.AddLerarenFunctions();
        builder.AddWebJobsTriggers();
        await using var app = builder.Build();

        app.Services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(new Uri(BlobUri), app.Services.GetRequiredService<StorageClients>().Blobs.Uri);
        Assert.DoesNotContain(builder.Services, d => d.ImplementationType?.Name == "LocalAzuriteService");
    }

    [Fact]
    public async Task Cli_ExitsWithUsageErrorNamingTheSetting_WhenAnIdentitySettingIsMissing()
    {
        var environment = new Dictionary<string, string>
        {
            [StorageNames.Connection] = "",
            ["AzureWebJobsStorage__blobServiceUri"] = BlobUri,
            ["AzureWebJobsStorage__queueServiceUri"] = QueueUri,
            ["AzureWebJobsStorage__clientId"] = ClientId,
        };

        var result = await CliProcess.RunAsync(environment, "dodeletters", "lijst");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// The app's storage composition on in-memory settings, its component factory wrapped to record what it builds;
    /// with <paramref name="transport"/> the clients send there with a fake token instead of the managed identity.
    /// </summary>
    private static (ServiceProvider Services, RecordingComponentFactory Factory) ComposeStorage(
        Dictionary<string, string?> settings,
        HttpMessageHandler? transport = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLerarenFunctionsStorage(configuration);
        var factory = new RecordingComponentFactory(transport);
        services.Replace(ServiceDescriptor.Singleton<AzureComponentFactory>(factory));
        return (services.BuildServiceProvider(), factory);
    }

    private static string ValidationMessages(Dictionary<string, string?> settings)
    {
        var (services, _) = ComposeStorage(settings);
        using (services)
        {
            var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());
            var failures = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error];
            Assert.All(failures, f => Assert.IsType<OptionsValidationException>(f));
            return string.Join(Environment.NewLine, failures.Select(f => f.Message));
        }
    }

    /// <summary>
    /// Microsoft.Extensions.Azure's own factory, recording the credentials asked for. With a transport it hands out a
    /// fake token and points every client at that transport, so no request leaves the process.
    /// </summary>
    private sealed class RecordingComponentFactory(HttpMessageHandler? transport) : AzureComponentFactory
    {
        private static readonly AzureComponentFactory Real = RealFactory();

        public List<Dictionary<string, string?>> CredentialRequests { get; } = [];

        public List<TokenCredential> Credentials { get; } = [];

        public override TokenCredential CreateTokenCredential(IConfiguration configuration)
        {
            CredentialRequests.Add(configuration.AsEnumerable().Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
            var credential = transport is null ? Real.CreateTokenCredential(configuration) : new FakeToken();
            Credentials.Add(credential);
            return credential;
        }

        public override object CreateClientOptions(Type optionsType, object serviceVersion, IConfiguration configuration) =>
            Real.CreateClientOptions(optionsType, serviceVersion, configuration);

        public override object CreateClient(Type clientType, IConfiguration configuration, TokenCredential credential, object clientOptions)
        {
            if (transport is not null)
            {
                ((ClientOptions)clientOptions).Transport = new HttpClientTransport(transport);
                ((ClientOptions)clientOptions).Retry.MaxRetries = 0;
            }

            return Real.CreateClient(clientType, configuration, credential, clientOptions);
        }

        private static AzureComponentFactory RealFactory()
        {
            var services = new ServiceCollection();
            services.AddAzureClientsCore();
            return services.BuildServiceProvider().GetRequiredService<AzureComponentFactory>();
        }
    }

    private sealed class FakeToken : TokenCredential
    {
        private static readonly AccessToken Token = new("nep-token", DateTimeOffset.UtcNow.AddHours(1));

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => Token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => ValueTask.FromResult(Token);
    }

    /// <summary>Answers the few storage calls these tests make, as the service would, and records each request.</summary>
    private sealed class FakeStorage : HttpMessageHandler
    {
        public const string ObjectId = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";

        private const string DelegationKey =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><UserDelegationKey>" +
            $"<SignedOid>{ObjectId}</SignedOid><SignedTid>9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a</SignedTid>" +
            "<SignedStart>2000-01-01T00:00:00Z</SignedStart><SignedExpiry>2100-01-01T00:00:00Z</SignedExpiry>" +
            "<SignedService>b</SignedService><SignedVersion>2025-01-05</SignedVersion>" +
            "<Value>bmVwLXNsZXV0ZWwtdm9vci10ZXN0cy0wMTIzNDU2Nzg5</Value></UserDelegationKey>";

        private const string EnqueuedMessage =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessagesList><QueueMessage><MessageId>1</MessageId>" +
            "<InsertionTime>Sat, 01 Jan 2000 00:00:00 GMT</InsertionTime><ExpirationTime>Sat, 08 Jan 2000 00:00:00 GMT</ExpirationTime>" +
            "<PopReceipt>p</PopReceipt><TimeNextVisible>Sat, 01 Jan 2000 00:00:00 GMT</TimeNextVisible></QueueMessage></QueueMessagesList>";

        public List<(HttpMethod Method, Uri Uri, string? Authorization, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add((request.Method, uri, request.Headers.Authorization?.ToString(), body));
            }

            if (uri.Query.Contains("comp=userdelegationkey", StringComparison.Ordinal))
            {
                return Answer(HttpStatusCode.OK, DelegationKey, "application/xml");
            }

            if (uri.AbsolutePath.EndsWith("/messages", StringComparison.Ordinal))
            {
                return Answer(HttpStatusCode.Created, EnqueuedMessage, "application/xml");
            }

            return uri.AbsolutePath == "/Tables"
                ? Answer(HttpStatusCode.OK, "{\"value\":[]}", "application/json")
                : new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        private static HttpResponseMessage Answer(HttpStatusCode status, string body, string mediaType) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
    }
}
