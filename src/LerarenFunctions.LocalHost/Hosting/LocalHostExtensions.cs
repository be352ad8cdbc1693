using LerarenFunctions.Infrastructure;
using LerarenFunctions.LocalHost.Http;
using LerarenFunctions.RegisterSimulator;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LerarenFunctions.LocalHost.Hosting;

public static class LocalHostExtensions
{
    /// <summary>
    /// The WebJobs functions of this host: every class here with a <see cref="FunctionNameAttribute"/> method, so a new
    /// function needs no list. The drift test compares them with the worker's metadata.
    /// </summary>
    public static IReadOnlyList<Type> TriggerFunctionTypes { get; } =
    [
        .. typeof(LocalHostExtensions).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes(typeof(FunctionNameAttribute), inherit: false).Length > 0))
            .OrderBy(t => t.FullName, StringComparer.Ordinal),
    ];

    /// <summary>
    /// Hosts the blob, queue and timer triggers on the WebJobs SDK, the engine the Functions host loads itself,
    /// tuned by the same <c>host.json</c> as the worker.
    /// </summary>
    public static WebApplicationBuilder AddWebJobsTriggers(this WebApplicationBuilder builder)
    {
        // host.json, overridable per setting as the Functions host allows (AzureFunctionsJobHost__extensions__...).
        var hostJson = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: false)
            .AddConfiguration(builder.Configuration.GetSection("AzureFunctionsJobHost"))
            .Build();

        builder.Host.ConfigureWebJobs(webJobs =>
        {
            webJobs.AddAzureStorageCoreServices();
            webJobs.AddAzureStorageBlobs(o => hostJson.GetSection("extensions:blobs").Bind(o));
            webJobs.AddAzureStorageQueues(o => hostJson.GetSection("extensions:queues").Bind(o));
            webJobs.AddTimers();
        });
        builder.Services.Replace(ServiceDescriptor.Singleton<ITypeLocator>(new FixedTypeLocator(TriggerFunctionTypes)));
        return builder;
    }

    /// <summary>The methods of a page that shows a form (GET) and takes it (POST).</summary>
    private static readonly string[] GetPost = [HttpMethods.Get, HttpMethods.Post];

    /// <summary>Maps the HTTP functions at their routes from the site root, as <c>func start</c> does with this <c>host.json</c>.</summary>
    public static IEndpointRouteBuilder MapLerarenFunctionsHttp(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(HttpRoutes.Health, HttpFunctions.GetHealth).WithName(nameof(HttpFunctions.GetHealth));
        endpoints.MapGet(HttpRoutes.OpenApi, HttpFunctions.GetOpenApiDocument).WithName(nameof(HttpFunctions.GetOpenApiDocument));
        endpoints.MapGet(HttpRoutes.DeliveryStatus, HttpFunctions.GetDeliveryStatus).WithName(nameof(HttpFunctions.GetDeliveryStatus));
        endpoints.MapGet(HttpRoutes.Terugmelding, HttpFunctions.GetTerugmelding).WithName(nameof(HttpFunctions.GetTerugmelding));
        endpoints.MapPost(HttpRoutes.BoardDeliveries, HttpFunctions.AcceptDelivery).WithName(nameof(HttpFunctions.AcceptDelivery));
        endpoints.MapPost(HttpRoutes.UploadLinks, HttpFunctions.CreateUploadLink).WithName(nameof(HttpFunctions.CreateUploadLink));
        endpoints.MapGet(HttpRoutes.BoardDelivery, HttpFunctions.GetBoardDeliveryStatus).WithName(nameof(HttpFunctions.GetBoardDeliveryStatus));
        endpoints.MapGet(HttpRoutes.BoardTerugmelding, HttpFunctions.GetBoardTerugmelding).WithName(nameof(HttpFunctions.GetBoardTerugmelding));
        endpoints.MapGet(HttpRoutes.DeadLetters, HttpFunctions.ListDeadLetters).WithName(nameof(HttpFunctions.ListDeadLetters));
        endpoints.MapPost(HttpRoutes.ReplayDeadLetter, HttpFunctions.ReplayDeadLetter).WithName(nameof(HttpFunctions.ReplayDeadLetter));
        endpoints.MapGet(HttpRoutes.ContactPerson, HttpFunctions.GetContactPerson).WithName(nameof(HttpFunctions.GetContactPerson));
        endpoints.MapPut(HttpRoutes.ContactPerson, HttpFunctions.SetContactPerson).WithName(nameof(HttpFunctions.SetContactPerson));
        endpoints.MapPost(HttpRoutes.BoardKeys, HttpFunctions.IssueBoardKey).WithName(nameof(HttpFunctions.IssueBoardKey));
        endpoints.MapGet(HttpRoutes.BoardKeys, HttpFunctions.ListBoardKeys).WithName(nameof(HttpFunctions.ListBoardKeys));
        endpoints.MapDelete(HttpRoutes.BoardKey, HttpFunctions.RevokeBoardKey).WithName(nameof(HttpFunctions.RevokeBoardKey));
        endpoints.MapGet(HttpRoutes.PreviewReminders, HttpFunctions.PreviewReminders).WithName(nameof(HttpFunctions.PreviewReminders));
        endpoints.MapGet(HttpRoutes.BoardState, HttpFunctions.GetBoardState).WithName(nameof(HttpFunctions.GetBoardState));
        endpoints.MapGet(HttpRoutes.Deliveries, HttpFunctions.ListDeliveries).WithName(nameof(HttpFunctions.ListDeliveries));
        endpoints.MapGet(HttpRoutes.BoardDeliveries, HttpFunctions.ListBoardDeliveries).WithName(nameof(HttpFunctions.ListBoardDeliveries));
        // The pages: from the site root, anonymous as in the worker (they sign their users in themselves).
        endpoints.MapMethods(PageRoutes.PortalSignIn, GetPost, PageFunctions.PortalSignIn).WithName(nameof(PageFunctions.PortalSignIn));
        endpoints.MapPost(PageRoutes.PortalSignOut, PageFunctions.PortalSignOut).WithName(nameof(PageFunctions.PortalSignOut));
        endpoints.MapGet(PageRoutes.Portal, PageFunctions.PortalHome).WithName(nameof(PageFunctions.PortalHome));
        endpoints.MapMethods(PageRoutes.PortalDeliveries, GetPost, PageFunctions.PortalDeliveries).WithName(nameof(PageFunctions.PortalDeliveries));
        endpoints.MapGet(PageRoutes.PortalDelivery, PageFunctions.PortalDelivery).WithName(nameof(PageFunctions.PortalDelivery));
        endpoints.MapGet(PageRoutes.PortalTerugmelding, PageFunctions.PortalTerugmelding).WithName(nameof(PageFunctions.PortalTerugmelding));
        endpoints.MapMethods(PageRoutes.PortalContactPerson, GetPost, PageFunctions.PortalContactPerson).WithName(nameof(PageFunctions.PortalContactPerson));
        endpoints.MapGet(PageRoutes.PortalTemplate, PageFunctions.PortalTemplate).WithName(nameof(PageFunctions.PortalTemplate));
        endpoints.MapMethods(PageRoutes.OperatorSignIn, GetPost, PageFunctions.OperatorSignIn).WithName(nameof(PageFunctions.OperatorSignIn));
        endpoints.MapPost(PageRoutes.OperatorSignOut, PageFunctions.OperatorSignOut).WithName(nameof(PageFunctions.OperatorSignOut));
        endpoints.MapGet(PageRoutes.Operator, PageFunctions.OperatorHome).WithName(nameof(PageFunctions.OperatorHome));
        endpoints.MapGet(PageRoutes.OperatorUnderWay, PageFunctions.OperatorUnderWay).WithName(nameof(PageFunctions.OperatorUnderWay));
        endpoints.MapPost(PageRoutes.OperatorReplay, PageFunctions.OperatorReplay).WithName(nameof(PageFunctions.OperatorReplay));
        return endpoints;
    }

    /// <summary>Serves the register simulator below <c>/register</c> when <c>RegisterSimulator:Embedded</c> is on.</summary>
    public static WebApplication MapEmbeddedRegisterSimulator(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("RegisterSimulator:Embedded"))
        {
            app.MapRegisterSimulator("/register");
        }

        return app;
    }

    private sealed class FixedTypeLocator(IReadOnlyList<Type> types) : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => types;
    }
}
