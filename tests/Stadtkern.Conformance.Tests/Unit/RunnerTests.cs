using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Stadtkern.Conformance.Tests.Unit;

/// <summary>The runner and the context server against a small fake broker that records what it receives.</summary>
public sealed class RunnerTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> received = new();
    private WebApplication? fake;
    private ContextServer? contexts;
    private NotificationReceiver? notifications;
    private ConformanceRunner? runner;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        fake = builder.Build();
        fake.Map("/ngsi-ld/v1/{**rest}", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            received.Enqueue($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString} link={http.Request.Headers.Link} body={body}");
            return http.Request.Method switch
            {
                "POST" => Results.Created("/ngsi-ld/v1/things/local-7", null),
                "GET" => Results.Json(new { id = "urn:x:1", type = "T", createdAt = "2024-01-01T00:00:00Z", observedAt = "2020-09-09T16:40:00Z" }),
                _ => Results.NoContent(),
            };
        });
        await fake.StartAsync();
        var data = SuiteData.Locate();
        contexts = await ContextServer.StartAsync(data);
        notifications = await NotificationReceiver.StartAsync();
        runner = new ConformanceRunner(new Uri(fake.Urls.First() + "/ngsi-ld/v1/"), data, contexts, notifications);
    }

    public async Task DisposeAsync()
    {
        runner?.Dispose();
        if (contexts is not null)
        {
            await contexts.DisposeAsync();
        }

        if (notifications is not null)
        {
            await notifications.DisposeAsync();
        }

        if (fake is not null)
        {
            await fake.DisposeAsync();
        }
    }

    [Fact]
    public async Task Substitutes_ids_rewrites_contexts_captures_and_cleans_up()
    {
        var @case = new ConformanceCase("Test/Runner", "000_01", "runner basics")
            .NewId("id", "urn:ngsi-ld:Building:")
            .Then(Http.Post("entities").LdJson(Payload.Entity("entities/building-simple-attributes.jsonld", "id")).Capture("local", "header:Location|lastSegment"),
                Expect.Status(201), Expect.HeaderEndsWith("Location", "/things/local-7"))
            .Then(Http.Get("things/{local}").WithSuiteContext(),
                Expect.Status(200),
                Expect.Body(Payload.Raw("""{"id":"urn:x:1","type":"T","createdAt":"1999-01-01T00:00:00Z","observedAt":"2020-09-09T16:40:00.000Z"}""")))
            .Finally(Http.Delete("entities/{id}"));

        var result = await runner!.RunAsync(@case);

        Assert.True(result.Passed, result.Failure);
        var log = received.ToArray();
        Assert.Equal(4, log.Length);
        Assert.Matches("""^POST /ngsi-ld/v1/entities link= body=.*"id": ?"urn:ngsi-ld:Building:\d{16}".*""", log[0].Replace("\n", " ", StringComparison.Ordinal));
        Assert.Contains(contexts!.BaseUrl + "suite/ngsi-ld-test-suite-compound.jsonld", log[0], StringComparison.Ordinal);
        Assert.DoesNotContain("forge.etsi.org", log[0], StringComparison.Ordinal);
        Assert.StartsWith("GET /ngsi-ld/v1/things/local-7 link=<" + contexts.BaseUrl + "suite/", log[1], StringComparison.Ordinal);
        Assert.StartsWith("DELETE /ngsi-ld/v1/entities/urn:ngsi-ld:Building:", log[2], StringComparison.Ordinal);
        // As the suite's delete_temporal_on_core_delete: the history of the deleted entity goes too.
        Assert.StartsWith("DELETE /ngsi-ld/v1/temporal/entities/urn:ngsi-ld:Building:", log[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_says_what_was_expected_and_what_came_back_and_still_cleans_up()
    {
        var @case = new ConformanceCase("Test/Runner", "000_02", "failing")
            .NewId("id", "urn:ngsi-ld:Vehicle:")
            .Then(Http.Get("things/x"), Expect.Status(404))
            .Then(Http.Get("never/sent"), Expect.Status(200))
            .Finally(Http.Delete("entities/{id}"), Http.Delete("entities/{neverCaptured}"));

        var result = await runner!.RunAsync(@case);

        Assert.False(result.Passed);
        Assert.Contains("Step 1 of 2", result.Failure);
        Assert.Contains("expected status 404, got 200", result.Failure);
        Assert.Contains("\"type\":\"T\"", result.Failure);
        Assert.DoesNotContain(received, r => r.Contains("never/sent", StringComparison.Ordinal));
        // The cleanup with an unknown variable is skipped, the other one is sent.
        Assert.Single(received, r => r.StartsWith("DELETE /ngsi-ld/v1/entities/", StringComparison.Ordinal));
        Assert.Single(received, r => r.StartsWith("DELETE /ngsi-ld/v1/temporal/entities/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_context_server_serves_rewritten_suite_contexts_and_case_documents()
    {
        using var http = new HttpClient();
        var compound = await http.GetAsync(contexts!.BaseUrl + "suite/ngsi-ld-test-suite-compound.jsonld");
        Assert.Equal("application/ld+json", compound.Content.Headers.ContentType?.MediaType);
        var text = await compound.Content.ReadAsStringAsync();
        Assert.Contains(contexts.BaseUrl + "suite/ngsi-ld-test-suite.jsonld", text, StringComparison.Ordinal);
        Assert.Contains(SuiteContexts.CoreV18, text, StringComparison.Ordinal);

        var standIn = contexts.UrlMap.Rewrite(StandInContexts.SmartDataModels);
        Assert.StartsWith(contexts.BaseUrl.ToString(), standIn, StringComparison.Ordinal);
        Assert.True((await http.GetAsync(standIn)).IsSuccessStatusCode);

        var @case = new ConformanceCase("Test/Runner", "000_03", "served context")
            .Serving("remote", Payload.FromFile("jsonldContext/@context-minimal-valid.json"))
            .Then(Http.Get("{remote}"), Expect.Status(200), Expect.ContentType(MediaTypes.LdJson), Expect.Body(Payload.FromFile("jsonldContext/@context-minimal-valid.json")))
            .StopServing("remote")
            .Then(Http.Get("{remote}").Capture("url", "header:Missing"), Expect.Status(404));
        var result = await runner!.RunAsync(@case);
        Assert.False(result.Passed);
        Assert.Contains("Expected to capture url from header:Missing", result.Failure);
        Assert.True(result.Failure!.Contains("Step 3 of 3", StringComparison.Ordinal), result.Failure);
    }

    [Fact]
    public async Task Batch_payloads_and_problem_checks()
    {
        var @case = new ConformanceCase("Test/Runner", "000_04", "batch")
            .NewId("a", "urn:a:")
            .NewId("b", "urn:b:")
            .Then(Http.Post("entityOperations/create").LdJson(Payload.Array(
                    Payload.Entity("entities/building-minimal.json", "a"), Payload.Entity("entities/building-minimal.json", "b"))),
                Expect.Status(201));
        var result = await runner!.RunAsync(@case);
        Assert.True(result.Passed, result.Failure);
        Assert.Matches("""body=\[\{"id":"urn:a:\d{16}","type":"Building"\},\{"id":"urn:b:\d{16}","type":"Building"\}\]""", received.Single());
    }

    [Fact]
    public async Task A_case_waits_for_the_notifications_of_its_own_mailbox_and_checks_them()
    {
        // The case plays the broker too: it posts notifications to its own endpoint.
        static Request Notify(string subscription) =>
            Http.Post("{notificationEndpoint}").Json(Payload.Raw($$"""{"type":"Notification","subscriptionId":"{{subscription}}","data":[{"id":"{entity}","type":"Building"}]}"""))
                .Header("Link", "<{compoundContext}>");
        var @case = new ConformanceCase("Test/Runner", "000_05", "notifications")
            .NewId("entity", "urn:ngsi-ld:Building:")
            .Then(Notified.Quiet(0, withinSeconds: 1), Notified.Count(0))
            .Then(Notify("urn:a"), Expect.Status(200))
            .Then(Notify("urn:b"), Expect.Status(200))
            .Then(Notified.Await(2), Notified.Count(2),
                Notified.Value(1, "$.subscriptionId", "\"urn:b\""),
                Notified.Body(0, "$.data[0]", Payload.Raw("""{"id":"{entity}","type":"Building"}""")),
                Notified.Header(0, "Link", "<{compoundContext}>"), Notified.NoHeader(0, "Authorization"))
            .Then(Notified.Await(1, "only"), Notified.Value(0, "$.subscriptionId", "\"urn:a\""))
            .Let("only", "urn:a");
        var other = new ConformanceCase("Test/Runner", "000_06", "another mailbox")
            .Then(Notified.Quiet(0, withinSeconds: 1), Notified.Count(0));

        var result = await runner!.RunAsync(@case);
        var second = await runner.RunAsync(other);

        Assert.True(result.Passed, result.Failure);
        Assert.True(second.Passed, second.Failure);
    }

    [Fact]
    public async Task A_missing_notification_fails_the_wait_with_what_did_arrive()
    {
        var @case = new ConformanceCase("Test/Runner", "000_07", "no notification")
            .Then(Notified.Await(1, withinSeconds: 1), Notified.Count(1));

        var result = await runner!.RunAsync(@case);

        Assert.False(result.Passed);
        Assert.Contains("1 notification(s) received: 0 arrived", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_with_Until_is_sent_again_while_its_checks_fail_and_then_fails()
    {
        var @case = new ConformanceCase("Test/Runner", "000_08", "until")
            .Then(Http.Get("things/never").Until(TimeSpan.FromSeconds(1)), Expect.Status(404));

        var result = await runner!.RunAsync(@case);

        Assert.False(result.Passed);
        Assert.Contains("expected status 404, got 200", result.Failure, StringComparison.Ordinal);
        Assert.True(received.Count(r => r.StartsWith("GET /ngsi-ld/v1/things/never", StringComparison.Ordinal)) > 1, string.Join("\n", received));
    }
}
