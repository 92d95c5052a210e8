using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Store;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.JsonLd;

/// <summary>The context resolver against a local Kestrel serving contexts: fetching, failures as 503 LdContextNotAvailable, time-outs, caching and hosted contexts.</summary>
public sealed class ContextResolverTests : IAsyncLifetime
{
    private ContextServer _server = null!;
    private readonly HttpClient _http = new();
    private readonly MemoryContextRegistry _registry = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
    private readonly StadtkernOptions _options = new() { ContextFetchTimeout = TimeSpan.FromSeconds(5), ContextCacheDuration = TimeSpan.FromMinutes(10) };

    public async Task InitializeAsync() => _server = await ContextServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private ContextResolver NewResolver() => new(_http, _registry, _options, _time);

    private static JsonObject Terms(string iriBase) => new() { ["speed"] = iriBase + "speed", ["Bus"] = iriBase + "Bus" };

    private static async Task<NgsiLdException> FailureAsync(ContextResolver resolver, JsonNode context) =>
        await Assert.ThrowsAsync<NgsiLdException>(async () => await resolver.ResolveAsync(context, CancellationToken.None));

    [Fact]
    public async Task Remote_context_is_fetched_and_its_terms_apply()
    {
        var url = _server.ServeTerms("vehicle", Terms("https://example.org/vehicle#"));

        var context = await NewResolver().ResolveAsync(JsonValue.Create(url), CancellationToken.None);

        Assert.Equal("https://example.org/vehicle#speed", context.Expand("speed"));
        Assert.Equal(url, context.Source!.GetValue<string>());
    }

    [Fact]
    public async Task Core_context_URLs_are_never_fetched()
    {
        var context = await NewResolver().ResolveAsync(JsonValue.Create("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"), CancellationToken.None);

        Assert.Equal("https://uri.etsi.org/ngsi-ld/location", context.Expand("location"));
    }

    [Fact]
    public async Task Null_context_is_the_core_context()
    {
        Assert.Same(JsonLdContext.Core, await NewResolver().ResolveAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task List_of_a_URL_and_an_inline_object_merges_both()
    {
        var url = _server.ServeTerms("merge", Terms("https://example.org/v#"));
        var list = new JsonArray(url, new JsonObject { ["colour"] = "https://example.org/c#colour" });

        var context = await NewResolver().ResolveAsync(list, CancellationToken.None);

        Assert.Equal("https://example.org/v#Bus", context.Expand("Bus"));
        Assert.Equal("https://example.org/c#colour", context.Expand("colour"));
    }

    [Fact]
    public async Task Context_importing_another_context_gets_both()
    {
        var inner = _server.ServeTerms("inner", Terms("https://example.org/inner#"));
        var outer = _server.Serve("outer", new JsonObject { ["@context"] = new JsonArray(inner, new JsonObject { ["colour"] = "https://example.org/outer#colour" }) });

        var context = await NewResolver().ResolveAsync(JsonValue.Create(outer), CancellationToken.None);

        Assert.Equal("https://example.org/inner#speed", context.Expand("speed"));
        Assert.Equal("https://example.org/outer#colour", context.Expand("colour"));
    }

    [Theory]
    [InlineData("status/404")]
    [InlineData("status/500")]
    [InlineData("garbage")]
    public async Task Context_that_cannot_be_retrieved_is_LdContextNotAvailable(string path)
    {
        var error = await FailureAsync(NewResolver(), JsonValue.Create(_server.Url(path)));

        Assert.Equal(ErrorType.LdContextNotAvailable, error.Type);
        Assert.Equal(503, error.Type.Status());
    }

    [Fact]
    public async Task Document_without_a_context_member_is_LdContextNotAvailable()
    {
        var url = _server.Serve("nocontext", new JsonObject { ["speed"] = "https://example.org/speed" });

        Assert.Equal(ErrorType.LdContextNotAvailable, (await FailureAsync(NewResolver(), JsonValue.Create(url))).Type);
    }

    [Fact]
    public async Task Context_that_answers_too_slowly_times_out_as_LdContextNotAvailable()
    {
        _server.ServeTerms("late", Terms("https://example.org/late#"));

        var error = await FailureAsync(NewResolver(), JsonValue.Create(_server.Url("slow/late")));

        Assert.Equal(ErrorType.LdContextNotAvailable, error.Type);
    }

    /// <summary>The resolver refuses contexts above 1 MB; a server that sends no Content-Length must not get around that limit.</summary>
    [Fact]
    public async Task Context_larger_than_the_limit_is_refused_even_without_a_content_length()
    {
        var error = await FailureAsync(NewResolver(), JsonValue.Create(_server.Url("huge/3000000")));

        Assert.Equal(ErrorType.LdContextNotAvailable, error.Type);
    }

    [Fact]
    public async Task Unreachable_host_is_LdContextNotAvailable()
    {
        Assert.Equal(ErrorType.LdContextNotAvailable, (await FailureAsync(NewResolver(), JsonValue.Create("http://127.0.0.1:9/context.jsonld"))).Type);
    }

    [Fact]
    public async Task Non_http_scheme_is_not_fetched()
    {
        Assert.Equal(ErrorType.LdContextNotAvailable, (await FailureAsync(NewResolver(), JsonValue.Create("file:///etc/passwd"))).Type);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("42")]
    public async Task Context_that_is_neither_URL_nor_object_is_BadRequestData(string value)
    {
        var node = value == "42" ? JsonValue.Create(42) : JsonValue.Create(value);

        Assert.Equal(ErrorType.BadRequestData, (await FailureAsync(NewResolver(), node)).Type);
    }

    [Fact]
    public async Task Contexts_nested_too_deeply_are_BadRequestData()
    {
        JsonNode nested = new JsonObject { ["a"] = "https://example.org/a" };
        for (var i = 0; i < 20; i++) nested = new JsonArray(nested);

        Assert.Equal(ErrorType.BadRequestData, (await FailureAsync(NewResolver(), nested)).Type);
    }

    [Fact]
    public async Task Fetched_context_is_cached_and_listed()
    {
        var url = _server.ServeTerms("cached", Terms("https://example.org/cached#"));
        var resolver = NewResolver();

        await resolver.ResolveAsync(JsonValue.Create(url), CancellationToken.None);
        await resolver.ResolveAsync(JsonValue.Create(url), CancellationToken.None);
        await resolver.ResolveAsync(new JsonArray(url, new JsonObject { ["x"] = "https://example.org/x" }), CancellationToken.None);

        Assert.Equal(1, _server.Hits("ctx/cached"));
        Assert.Contains(resolver.Cached, c => c.Url == url && c.FetchedAt == _time.GetUtcNow());
    }

    [Fact]
    public async Task Context_used_inside_another_list_is_fetched_again_after_the_cache_duration()
    {
        var url = _server.ServeTerms("expiring-list", Terms("https://example.org/e#"));
        var resolver = NewResolver();
        await resolver.ResolveAsync(new JsonArray(url, new JsonObject { ["a"] = "https://example.org/a" }), CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(11));
        await resolver.ResolveAsync(new JsonArray(url, new JsonObject { ["b"] = "https://example.org/b" }), CancellationToken.None);

        Assert.Equal(2, _server.Hits("ctx/expiring-list"));
    }

    /// <summary>ContextCacheDuration says how long a fetched context is kept "before it is fetched again": the same URL must be fetched again once it has passed.</summary>
    [Fact]
    public async Task Same_context_URL_is_fetched_again_after_the_cache_duration()
    {
        var url = _server.ServeTerms("expiring", Terms("https://example.org/old#"));
        var resolver = NewResolver();
        await resolver.ResolveAsync(JsonValue.Create(url), CancellationToken.None);

        _server.ServeTerms("expiring", Terms("https://example.org/new#"));
        _time.Advance(TimeSpan.FromMinutes(11));
        var context = await resolver.ResolveAsync(JsonValue.Create(url), CancellationToken.None);

        Assert.Equal(2, _server.Hits("ctx/expiring"));
        Assert.Equal("https://example.org/new#speed", context.Expand("speed"));
    }

    [Fact]
    public async Task Within_the_cache_duration_the_context_is_not_fetched_again()
    {
        var url = _server.ServeTerms("fresh", Terms("https://example.org/f#"));
        var resolver = NewResolver();
        await resolver.ResolveAsync(new JsonArray(url, new JsonObject { ["a"] = "https://example.org/a" }), CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(9));
        await resolver.ResolveAsync(new JsonArray(url, new JsonObject { ["b"] = "https://example.org/b" }), CancellationToken.None);

        Assert.Equal(1, _server.Hits("ctx/fresh"));
    }

    [Fact]
    public async Task Invalidating_a_URL_makes_the_next_use_fetch_it_again()
    {
        var url = _server.ServeTerms("invalidate", Terms("https://example.org/i#"));
        var resolver = NewResolver();
        await resolver.ResolveAsync(JsonValue.Create(url), CancellationToken.None);

        resolver.Invalidate(url);
        await resolver.ResolveAsync(JsonValue.Create(url), CancellationToken.None);

        Assert.Equal(2, _server.Hits("ctx/invalidate"));
    }

    [Fact]
    public async Task Failed_fetch_is_not_cached()
    {
        var resolver = NewResolver();
        await FailureAsync(resolver, JsonValue.Create(_server.Url("ctx/later")));

        var url = _server.ServeTerms("later", Terms("https://example.org/later#"));
        var context = await resolver.ResolveAsync(JsonValue.Create(url), CancellationToken.None);

        Assert.Equal("https://example.org/later#speed", context.Expand("speed"));
    }

    [Fact]
    public async Task Hosted_context_is_read_from_the_registry_whatever_the_host_name()
    {
        await _registry.AddAsync(new HostedContext("abc123", "http://broker.example/ngsi-ld/v1/jsonldContexts/abc123",
            new JsonObject { ["@context"] = Terms("https://example.org/hosted#") }, _time.GetUtcNow()), CancellationToken.None);

        var context = await NewResolver().ResolveAsync(JsonValue.Create("http://some-other-name:1026/ngsi-ld/v1/jsonldContexts/abc123"), CancellationToken.None);

        Assert.Equal("https://example.org/hosted#Bus", context.Expand("Bus"));
    }

    [Fact]
    public void Hosted_id_is_read_from_a_jsonldContexts_URL()
    {
        Assert.Equal("abc", ContextResolver.HostedId(new Uri("http://x/ngsi-ld/v1/jsonldContexts/abc")));
        Assert.Null(ContextResolver.HostedId(new Uri("http://x/contexts/abc")));
    }

    [Theory]
    [InlineData("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld", true)]
    [InlineData("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld", true)]
    [InlineData("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.3.jsonld", true)]
    [InlineData("https://example.org/ngsi-ld-core-context.jsonld", false)]
    public void Core_context_URLs_are_recognised(string url, bool expected)
    {
        Assert.Equal(expected, ContextResolver.IsCoreContext(url));
    }
}
