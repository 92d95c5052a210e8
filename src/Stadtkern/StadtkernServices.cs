using Scalar.AspNetCore;
using Stadtkern.Broker;
using Stadtkern.Host.Api;
using Stadtkern.Host.Subscriptions;
using Stadtkern.JsonLd;
using Stadtkern.Store;

namespace Stadtkern.Host;

/// <summary>Wires the core, the store and the protocol adapters into the web host.</summary>
internal static class StadtkernServices
{
    public static IServiceCollection AddStadtkern(this IServiceCollection services, StadtkernOptions options)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => DataDirectoryLock.Acquire(options.DataDirectory));
        services.AddStore(options);
        services.AddHttpClient(nameof(ContextResolver));
        services.AddSingleton(sp => new ContextResolver(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ContextResolver)),
            sp.GetRequiredService<IContextRegistry>(), options, sp.GetRequiredService<TimeProvider>()));
        if (options.RawLake) services.AddSingleton(_ => new Lake.RawLake(options.DataDirectory));

        services.AddSingleton<EntityService>();
        services.AddSingleton<Temporal.TemporalService>();
        services.AddHostedService<StoreLifetime>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        services.AddSubscriptions(options);
        services.AddSingleton(sp => new Ingest.Mapping.MappingRules(sp.GetRequiredService<IMappingRuleStore>(), options.MqttMappings,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new Ingest.IngestService(sp.GetRequiredService<EntityService>(), sp.GetRequiredService<ContextResolver>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<Lake.RawLake>(), sp.GetRequiredService<Ingest.Mapping.MappingRules>()));
        // A singleton as well, because notifications to the in-process broker are injected into it.
        services.AddSingleton<Mqtt.MqttIngestion>();
        services.AddHostedService(sp => sp.GetRequiredService<Mqtt.MqttIngestion>());
        services.AddSingleton<Mqtt.MqttBrokerClient>();
        services.AddHostedService(sp => sp.GetRequiredService<Mqtt.MqttBrokerClient>());
        services.AddSingleton(sp => new Ingest.NdjsonIngest(sp.GetRequiredService<EntityService>(), sp.GetRequiredService<ContextResolver>(),
            sp.GetRequiredService<Ingest.IngestService>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<Lake.RawLake>()));
        services.AddSingleton(sp => new Ingest.Import.FileImport(sp.GetRequiredService<EntityService>(), sp.GetRequiredService<ContextResolver>(),
            sp.GetRequiredService<Ingest.IngestService>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<Lake.RawLake>()));
        services.AddSingleton(sp => new Watch.WatchEngine(() => sp.GetRequiredService<EntityService>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEntityChangeObserver>(sp => sp.GetRequiredService<Watch.WatchEngine>());
        services.AddSingleton<Watch.WatchRules>();
        services.AddSingleton<Watch.ControlRoom>();
        services.AddHostedService<WatchJob>();
        services.AddSingleton(_ => Ledger.LedgerSigner.Open(options.DataDirectory, options.LedgerOrigin));
        services.AddSingleton<Ledger.TransparencyLog>();
        services.AddSingleton<Anonymisation.PseudonymKeys>();
        services.AddSingleton<Catalog.CatalogService>();
        services.AddSingleton<Catalog.DatasetExtraction>();
        services.AddSingleton<Catalog.PublicationPipeline>();
        services.AddSingleton<Catalog.Harvesting.PublishedCatalog>();
        services.AddSingleton<PublicationJob>();
        services.AddHostedService(sp => sp.GetRequiredService<PublicationJob>());
        services.AddSingleton<Warnings.WarningService>();
        services.AddSingleton<RequestMetrics>();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        // Last, so that every cache it keeps in step has been loaded by its own service first.
        services.AddHostedService<Nodes.NodeFollower>();
        return services;
    }

    public static WebApplication MapStadtkern(this WebApplication app)
    {
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseProblemDocuments();
        app.UsePathGuard();
        app.UseLakeForDeletions();
        var api = app.MapGroup("/ngsi-ld/v1");
        api.MapEntities();
        api.MapEntityAttributes();
        api.MapBatch();
        api.MapDiscovery();
        api.MapContexts();
        api.MapSubscriptions();
        api.MapTemporal();
        if (app.Services.GetService<Lake.RawLake>() is not null) app.MapLake();
        app.MapIngest();
        app.MapWatch();
        app.MapWarnings();
        app.MapLedger();
        app.MapAnonymisation();
        app.MapDatasets();
        app.MapDcatCatalog();
        app.MapCkanApi();
        app.MapCap();
        app.MapOperations();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o => o.WithTitle("Stadtkern NGSI-LD API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}

/// <summary>Opens the store (migrations, sample data) before the server takes requests, and closes it cleanly at shutdown.</summary>
internal sealed partial class StoreLifetime(IEntityStore store, StadtkernOptions options, EntityService service, IServiceProvider services,
    ILogger<StoreLifetime> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Taken first and released last (the container disposes it after the store and the lake).
        services.GetRequiredService<DataDirectoryLock>();
        await StoreSelection.OpenAsync(store, cancellationToken);
        LogStoreOpened(logger, store.Description);
        // The lake opens now, so that segments a crash left open are recovered before the first request.
        if (services.GetService<Lake.RawLake>() is { } lake) LogLakeOpened(logger, lake.Root);
        if (options.SeedSampleCity)
        {
            var created = await SampleCity.SeedAsync(service, cancellationToken);
            LogSeeded(logger, created);
            var released = await SampleDatasets.PublishAsync(services.GetRequiredService<Catalog.CatalogService>(), services.GetRequiredService<Catalog.ICatalogStore>(),
                services.GetRequiredService<Catalog.PublicationPipeline>(), cancellationToken);
            if (released > 0) LogPublished(logger, released);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await store.DisposeAsync();

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Store opened: {Store}")]
    private static partial void LogStoreOpened(ILogger logger, string store);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Raw lake opened at {Root}")]
    private static partial void LogLakeOpened(ILogger logger, string root);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Sample city: {Count} open datasets published (see /stadtkern/v1/datasets)")]
    private static partial void LogPublished(ILogger logger, int count);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Sample city loaded: {Count} entities created")]
    private static partial void LogSeeded(ILogger logger, int count);
}
