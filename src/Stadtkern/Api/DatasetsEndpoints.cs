using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;
using Stadtkern.Catalog;
using Stadtkern.Errors;
using Stadtkern.JsonLd;

namespace Stadtkern.Host.Api;

/// <summary>
/// /stadtkern/v1/datasets: define datasets, upload a source file, publish now, review held releases, and download
/// any release's files (docs/catalog.md).
/// </summary>
internal static class DatasetsEndpoints
{
    public const long MaxSourceBytes = 512L * 1024 * 1024;
    private static readonly FrozenSet<string> ListParameters = FrozenSet.Create(StringComparer.Ordinal, "withdrawn", "limit", "offset");
    private static readonly FrozenSet<string> VersionParameter = FrozenSet.Create(StringComparer.Ordinal, "version");

    public static void MapDatasets(this IEndpointRouteBuilder app)
    {
        var datasets = app.MapGroup(ReleaseDocuments.Path).WithTags("Datasets");
        datasets.MapPost("/", Create).WithSummary("Define a dataset (source, anonymisation profile, licence, schedule, quality gate, DCAT-AP.de metadata)");
        datasets.MapGet("/", List).WithSummary("List datasets, public and internal");
        datasets.MapGet("/{id}", Retrieve).WithSummary("A dataset's definition, version and latest release");
        datasets.MapPut("/{id}", Replace).WithSummary("Replace a dataset's definition (optionally only at ?version=N)");
        datasets.MapDelete("/{id}", Withdraw).WithSummary("Withdraw a dataset from the catalog (its releases stay downloadable and verifiable)");
        datasets.MapPut("/{id}/source", Upload).WithSummary("Upload the CSV file an upload dataset reads");
        datasets.MapPost("/{id}/releases", Publish).WithSummary("Publish now: run extract, quality gate, anonymisation, distributions, ledger");
        datasets.MapGet("/{id}/releases", Releases).WithSummary("A dataset's releases, newest first");
        datasets.MapGet("/{id}/releases/{number}", ReleaseOf).WithSummary("One release: manifest, files, privacy report, summary, ledger index");
        datasets.MapPost("/{id}/releases/{number}/review", Review).WithSummary("Approve or reject a release held by the quality gate");
        datasets.MapGet("/{id}/releases/{number}/files/{fileName}", Download).WithSummary("Download one file of a release");
    }

    private static async Task<IResult> Create(HttpContext http, ContextResolver resolver, CatalogService catalog)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        var record = await catalog.CreateAsync(await BodyAsync(http, resolver), http.RequestAborted);
        http.Response.Headers.Location = $"{ReleaseDocuments.Path}/{record.Id}";
        return Results.Text(ReleaseDocuments.Dataset(record, null).ToJsonString(), "application/json", statusCode: 201);
    }

    private static async Task<IResult> List(HttpContext http, ICatalogStore store)
    {
        QueryString.Check(http.Request, ListParameters);
        var limit = QueryString.Int(http.Request, "limit") ?? 100;
        var offset = QueryString.Int(http.Request, "offset") ?? 0;
        if (limit is < 1 or > 1000 || offset < 0) throw NgsiLdException.BadData("limit is 1 to 1000 and offset at least 0.");
        var (page, total) = await store.ListDatasetsAsync(null, QueryString.Bool(http.Request, "withdrawn"), offset, limit, http.RequestAborted);
        http.Response.Headers["NGSILD-Results-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return Json(new JsonArray([.. page.Select(r => (JsonNode)ReleaseDocuments.Dataset(r, null))]));
    }

    private static async Task<IResult> Retrieve(HttpContext http, string id, CatalogService catalog, ICatalogStore store)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        var record = await catalog.GetAsync(id, http.RequestAborted);
        var latest = (await store.ListReleasesAsync(id, http.RequestAborted)).FirstOrDefault(r => r.Status == ReleaseStatus.Published);
        return Json(ReleaseDocuments.Dataset(record, latest));
    }

    private static async Task<IResult> Replace(HttpContext http, string id, ContextResolver resolver, CatalogService catalog)
    {
        QueryString.Check(http.Request, VersionParameter);
        var record = await catalog.ReplaceAsync(id, await BodyAsync(http, resolver), QueryString.Int(http.Request, "version"), http.RequestAborted);
        return Json(ReleaseDocuments.Dataset(record, null));
    }

    private static async Task<IResult> Withdraw(HttpContext http, string id, CatalogService catalog)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        await catalog.WithdrawAsync(id, http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> Upload(HttpContext http, string id, CatalogService catalog, ICatalogStore store, TimeProvider time)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        var record = await catalog.GetAsync(id, http.RequestAborted);
        if (record.Document["source"]?["kind"]?.GetValue<string>() != "upload")
            throw NgsiLdException.BadData($"The dataset '{id}' does not read an uploaded file (its source kind is not 'upload').");
        var type = http.Request.ContentType?.Split(';')[0].Trim();
        if (type is not ("text/csv" or "application/csv"))
            throw new NgsiLdException(ErrorType.UnsupportedMediaType, "A source file is uploaded as text/csv.");
        if (http.Request.ContentLength > MaxSourceBytes) throw TooLarge();
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxSourceBytes;
        using var buffer = new MemoryStream();
        await CopyBoundedAsync(http.Request.Body, buffer, http.RequestAborted);
        var body = buffer.ToArray();
        CsvSource.Read(body, DatasetExtraction.MaxRows);
        await store.SaveSourceFileAsync(id, new SourceFile("text/csv", body, time.GetUtcNow()), http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> Publish(HttpContext http, string id, CatalogService catalog, PublicationPipeline pipeline)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        var release = await pipeline.PublishAsync(await catalog.GetAsync(id, http.RequestAborted), http.RequestAborted);
        var baseUrl = ReleaseDocuments.BaseUrl(http.Request);
        http.Response.Headers.Location = ReleaseDocuments.ReleaseUrl(baseUrl, id, release.Number);
        return Results.Text(ReleaseDocuments.Release(baseUrl, release, internalView: true).ToJsonString(), "application/json", statusCode: 201);
    }

    private static async Task<IResult> Releases(HttpContext http, string id, CatalogService catalog, ICatalogStore store)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        await catalog.GetAsync(id, http.RequestAborted);
        var baseUrl = ReleaseDocuments.BaseUrl(http.Request);
        var releases = await store.ListReleasesAsync(id, http.RequestAborted);
        return Json(new JsonArray([.. releases.Select(r => (JsonNode)ReleaseDocuments.Release(baseUrl, r, InternalView(http)))]));
    }

    private static async Task<IResult> ReleaseOf(HttpContext http, string id, string number, ICatalogStore store)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        var release = await FindAsync(store, id, number, http.RequestAborted);
        return Json(ReleaseDocuments.Release(ReleaseDocuments.BaseUrl(http.Request), release, InternalView(http)));
    }

    /// <summary>The quality findings and the raw extract's statistics are for the people who review (they name themselves), not for everyone.</summary>
    private static bool InternalView(HttpContext http) => http.Request.Headers.ContainsKey(ActingUser.Header);

    private static async Task<IResult> Review(HttpContext http, string id, string number, ContextResolver resolver, PublicationPipeline pipeline)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        ActingUser.Of(http);
        var body = await BodyAsync(http, resolver);
        var approve = body["decision"]?.ToString() switch
        {
            "approve" => true,
            "reject" => false,
            _ => throw NgsiLdException.BadData("A review needs \"decision\": \"approve\" or \"reject\"."),
        };
        var release = await pipeline.ReviewAsync(id, Number(number), approve, http.RequestAborted);
        return Json(ReleaseDocuments.Release(ReleaseDocuments.BaseUrl(http.Request), release, internalView: true));
    }

    private static async Task<IResult> Download(HttpContext http, string id, string number, string fileName, ICatalogStore store)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        var release = await FindAsync(store, id, number, http.RequestAborted);
        var file = release.Distributions.FirstOrDefault(d => d.FileName == fileName)
            ?? throw NgsiLdException.NotFound($"Release {release.Number} of '{id}' has no file '{fileName}' ({string.Join(", ", release.Distributions.Select(d => d.FileName))}).");
        var body = await store.ReadDistributionAsync(id, release.Number, file.Format, http.RequestAborted)
            ?? throw NgsiLdException.NotFound($"The file '{fileName}' is missing from the store.");
        http.Response.Headers.ETag = $"\"{file.Sha256}\"";
        http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(file.Sha256))}:";
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.File(body, file.MediaType, file.FileName);
    }

    private static async Task<Release> FindAsync(ICatalogStore store, string id, string number, CancellationToken cancellation) =>
        await store.GetReleaseAsync(id, Number(number), cancellation) ?? throw NgsiLdException.NotFound($"'{id}' has no release {number}.");

    private static int Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw NgsiLdException.BadData($"'{text}' is not a release number.");

    private static async Task<JsonObject> BodyAsync(HttpContext http, ContextResolver resolver) =>
        await new NgsiLdRequest(http, resolver).ReadBodyAsync() as JsonObject ?? throw NgsiLdException.BadData("The body must be a JSON object.");

    private static async Task CopyBoundedAsync(Stream from, Stream to, CancellationToken cancellation)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, cancellation)) > 0)
        {
            total += read;
            if (total > MaxSourceBytes) throw TooLarge();
            await to.WriteAsync(buffer.AsMemory(0, read), cancellation);
        }
    }

    private static NgsiLdException TooLarge() => new(ErrorType.PayloadTooLarge, $"A source file has at most {MaxSourceBytes / (1024 * 1024)} MiB.");

    private static IResult Json(JsonNode json) => Results.Content(json.ToJsonString(), "application/json");
}
