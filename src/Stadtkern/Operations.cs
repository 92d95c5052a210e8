using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Stadtkern.Store;

namespace Stadtkern.Host;

/// <summary>The landing page, health endpoints and request metrics.</summary>
internal static class Operations
{
    public static void MapOperations(this WebApplication app)
    {
        app.MapGet("/", StatusPage).ExcludeFromDescription();
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapGet("/metrics", (RequestMetrics metrics, Ingest.IngestService ingest, Mqtt.MqttBrokerClient mqtt, Subscriptions.DeliveryCounters delivery,
                Stadtkern.Nodes.INodeCoordination nodes) =>
            Results.Text(metrics.Prometheus() + ingest.Prometheus() + mqtt.Prometheus() + delivery.Prometheus() + Leader(nodes), "text/plain; version=0.0.4"))
            .ExcludeFromDescription();
    }

    /// <summary>Whether this node runs the scheduled jobs (always, on the embedded store).</summary>
    private static string Leader(Stadtkern.Nodes.INodeCoordination nodes) =>
        $"# TYPE stadtkern_node_leader gauge\nstadtkern_node_leader {(nodes.IsLeader ? 1 : 0)}\n";

    private static async Task<IResult> StatusPage(IEntityStore store, RequestMetrics metrics, CancellationToken cancellation)
    {
        var counts = await store.CountsAsync(cancellation);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Stadtkern</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}td,th{padding:.25rem .75rem;border-bottom:1px solid #ccc;text-align:left}</style>")
            .Append("</head><body><h1>Stadtkern</h1>")
            .Append("<p>Open urban data platform — NGSI-LD context broker. Version ").Append(WebUtility.HtmlEncode(Cli.Version)).Append(".</p>")
            .Append("<p>Store: ").Append(WebUtility.HtmlEncode(store.Description)).Append("</p>")
            .Append("<p>Requests served: ").Append(metrics.Total).Append("</p>")
            .Append("<h2>Entities</h2><table><thead><tr><th>Tenant</th><th>Type</th><th>Entities</th></tr></thead><tbody>");
        foreach (var (tenant, type, count) in counts)
            html.Append("<tr><td>").Append(WebUtility.HtmlEncode(tenant.Length == 0 ? "(default)" : tenant)).Append("</td><td>")
                .Append(WebUtility.HtmlEncode(type)).Append("</td><td>").Append(count).Append("</td></tr>");
        if (counts.Count == 0) html.Append("<tr><td colspan=\"3\">No entities yet.</td></tr>");
        html.Append("</tbody></table><h2>Links</h2><ul>")
            .Append("<li><a href=\"/docs\">API documentation (OpenAPI)</a></li>")
            .Append("<li><a href=\"/ngsi-ld/v1/types\">Entity types</a></li>")
            .Append("<li><a href=\"/health/ready\">Readiness</a></li>")
            .Append("<li><a href=\"/metrics\">Metrics</a></li></ul></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}

/// <summary>Counts requests by status class and measures their duration (exposed in Prometheus text form and as .NET metrics).</summary>
internal sealed class RequestMetrics : IDisposable
{
    private readonly Meter _meter = new("Stadtkern");
    private readonly Histogram<double> _duration;
    private long _total;
    private readonly long[] _byClass = new long[6];

    public RequestMetrics() => _duration = _meter.CreateHistogram<double>("stadtkern.http.request.duration", "ms");

    public long Total => Interlocked.Read(ref _total);

    public void Record(int status, double milliseconds)
    {
        Interlocked.Increment(ref _total);
        Interlocked.Increment(ref _byClass[Math.Clamp(status / 100, 0, 5)]);
        _duration.Record(milliseconds);
    }

    public string Prometheus()
    {
        var sb = new StringBuilder("# TYPE stadtkern_http_requests_total counter\n");
        for (var c = 1; c <= 5; c++)
            sb.Append("stadtkern_http_requests_total{class=\"").Append(c).Append("xx\"} ").Append(Interlocked.Read(ref _byClass[c])).Append('\n');
        return sb.ToString();
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary>Records every request in <see cref="RequestMetrics"/>.</summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, RequestMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            metrics.Record(context.Response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}

/// <summary>Ready when the store answers a query.</summary>
internal sealed class StoreHealthCheck(IEntityStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.TenantsAsync(cancellationToken);
            return HealthCheckResult.Healthy(store.Description);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", e);
        }
    }
}
