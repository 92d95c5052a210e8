using System.Diagnostics;
using System.Text;

namespace Stadtkern.Conformance;

/// <summary>Settings of a run that differ between brokers.</summary>
public sealed class ConformanceRunnerOptions
{
    /// <summary>The core context the cases treat as the broker's (<c>{coreContext}</c>; the suite's <c>core_context</c>).</summary>
    public string CoreContext { get; set; } = SuiteContexts.CoreV18;

    /// <summary>How long one request may take before the case fails.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Runs conformance cases against any NGSI-LD broker, given its <c>/ngsi-ld/v1/</c> root URL.</summary>
/// <remarks>
/// Per case: makes the id variables (prefix + 16 random digits, as the suite's <c>Generate Random Id</c>), sets the
/// fixed values and served contexts, sends the steps in order and stops at the first failed check, then always sends
/// the cleanup requests and stops serving the case's contexts. Remote context URLs in paths, headers, bodies and
/// expectations are rewritten to the <see cref="ContextServer"/>, which the broker must be able to reach.
/// </remarks>
public sealed class ConformanceRunner : IDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

    private const string LinkRel = "rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";

    private readonly HttpClient http;
    private readonly SuiteData data;
    private readonly ContextServer? contexts;
    private readonly NotificationReceiver? notifications;
    private readonly ConformanceRunnerOptions options;

    /// <param name="brokerRoot">The broker's NGSI-LD root, e.g. <c>http://127.0.0.1:1026/ngsi-ld/v1/</c>.</param>
    /// <param name="contexts">The context server the broker fetches the suite's contexts from; null runs without (remote URLs stay as written).</param>
    /// <param name="notifications">The receiver the broker sends the cases' notifications to; null runs without (cases that subscribe cannot run).</param>
    /// <param name="handler">The HTTP handler to send with; by default one that follows no redirects and keeps no cookies.</param>
    public ConformanceRunner(Uri brokerRoot, SuiteData data, ContextServer? contexts, NotificationReceiver? notifications = null, ConformanceRunnerOptions? options = null, HttpMessageHandler? handler = null)
    {
        BrokerRoot = new Uri(brokerRoot.ToString().TrimEnd('/') + "/");
        this.data = data;
        this.contexts = contexts;
        this.notifications = notifications;
        this.options = options ?? new ConformanceRunnerOptions();
        // The suite checks the very response of each request: a redirect followed silently would hide it.
        http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = this.options.RequestTimeout,
        };
    }

    public Uri BrokerRoot { get; }

    /// <summary>Runs one case; never throws for a broker's misbehaviour, which is reported in the result.</summary>
    public async Task<CaseResult> RunAsync(ConformanceCase @case, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var transcript = new List<string>();
        var context = NewContext(@case);
        CaseContext.Current = context;
        var served = new List<string>();
        var mailbox = notifications?.OpenMailbox();
        if (mailbox is not null)
        {
            context.Set(BuiltInVariables.Notifications, mailbox);
            context.Set(BuiltInVariables.NotificationEndpoint, mailbox + "notify");
            if (notifications?.MqttBroker is { } mqttBroker)
            {
                context.Set(BuiltInVariables.MqttBroker, mqttBroker);
                context.Set(BuiltInVariables.MqttHost, mqttBroker[..mqttBroker.LastIndexOf(':')]);
                context.Set(BuiltInVariables.MqttTopic, NotificationReceiver.MqttTopicOf(mailbox));
            }
        }

        string? failure = null;
        try
        {
            foreach (var (variable, document) in @case.ServedContexts)
            {
                var server = contexts ?? throw new InvalidOperationException("The case serves contexts, but the run has no context server.");
                var url = server.Serve(context.Build(document));
                served.Add(url);
                context.Set(variable, url);
            }

            for (var i = 0; i < @case.Steps.Count && failure is null; i++)
            {
                failure = await StepAsync(i, @case, context, transcript, cancellation);
            }
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            failure = $"The case could not run: {e.Message}";
        }
        finally
        {
            await CleanupAsync(@case, context, transcript);
            foreach (var url in served)
            {
                contexts?.StopServing(url);
            }

            if (mailbox is not null)
            {
                notifications?.CloseMailbox(mailbox);
            }
        }

        return new CaseResult(@case, failure is null ? null : Report(@case, failure, transcript), transcript, clock.Elapsed);
    }

    public void Dispose() => http.Dispose();

    private CaseContext NewContext(ConformanceCase @case)
    {
        var context = new CaseContext(data, contexts?.UrlMap ?? ContextUrlMap.None);
        context.Set(BuiltInVariables.BrokerRoot, BrokerRoot.ToString());
        context.Set(BuiltInVariables.ContextServer, contexts?.BaseUrl.ToString() ?? "");
        context.Set(BuiltInVariables.CompoundContext, context.Urls.Rewrite(SuiteContexts.Compound));
        context.Set(BuiltInVariables.PlainContext, context.Urls.Rewrite(SuiteContexts.Plain));
        context.Set(BuiltInVariables.CoreContext, options.CoreContext);
        foreach (var (name, prefix) in @case.Ids)
        {
            context.Set(name, prefix + RandomDigits(16));
        }

        foreach (var (name, value) in @case.Values)
        {
            context.Set(name, context.Text(value));
        }

        foreach (var (name, fromNow) in @case.Instants)
        {
            context.Set(name, (DateTimeOffset.UtcNow + fromNow).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        return context;
    }

    private async Task<string?> StepAsync(int index, ConformanceCase @case, CaseContext context, List<string> transcript, CancellationToken cancellation)
    {
        var step = @case.Steps[index];
        var where = $"Step {index + 1} of {@case.Steps.Count}";
        if (step.Request.Delay > TimeSpan.Zero)
        {
            transcript.Add($"(waited {step.Request.Delay.TotalSeconds:0.#} s)");
            await Task.Delay(step.Request.Delay, cancellation);
        }

        // A step that waits for the broker to catch up (Request.Until) is sent again while its checks fail, up to its time.
        var deadline = DateTimeOffset.UtcNow + step.Request.RetryWithin;
        while (true)
        {
            var (failure, response) = await AttemptAsync(where, step, context, transcript, cancellation);
            if (failure is null)
            {
                return CaptureVariables(where, step, response!, context);
            }

            if (response is null || DateTimeOffset.UtcNow >= deadline)
            {
                return failure;
            }

            await Task.Delay(RetryPause, cancellation);
        }
    }

    /// <summary>Sends a step's request once and checks the answer: the failure (null when it passed) and the answer, if any came.</summary>
    private async Task<(string? Failure, ExchangeResponse? Response)> AttemptAsync(string where, Exchange step, CaseContext context, List<string> transcript, CancellationToken cancellation)
    {
        using var message = BuildRequest(step.Request, context);
        var line = $"{message.Method} {message.RequestUri}";
        ExchangeResponse response;
        try
        {
            using var answer = await http.SendAsync(message, cancellation);
            response = await ExchangeResponse.ReadAsync(message, answer, cancellation);
            await DeleteTemporalOnCoreDeleteAsync(message, transcript, "");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            transcript.Add($"{line} → no answer");
            return ($"{where}: {line}\nThe request failed: {e.Message}", null);
        }

        transcript.Add($"{line} → {response.Status}");
        foreach (var check in step.Checks)
        {
            string? problem;
            try
            {
                problem = CheckEvaluator.Evaluate(check, response, context);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problem = $"the check could not be evaluated: {e.Message}";
            }

            if (problem is not null)
            {
                return ($"{where}: {line}\nExpected: {CheckEvaluator.Describe(check)}\nProblem: {problem}\nGot: {response.Describe()}", response);
            }
        }

        return (null, response);
    }

    private static string? CaptureVariables(string where, Exchange step, ExchangeResponse response, CaseContext context)
    {
        var line = $"{response.Method} {response.RequestUri}";
        foreach (var (variable, source) in step.Request.Captures)
        {
            if (Capture.Read(source, response, out var why) is { } value)
            {
                context.Set(variable, value);
            }
            else
            {
                return $"{where}: {line}\nExpected to capture {variable} from {source}\nProblem: {why}\nGot: {response.Describe()}";
            }
        }

        return null;
    }

    private HttpRequestMessage BuildRequest(Request request, CaseContext context)
    {
        var path = context.Text(request.Path);
        var absolute = path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        // Concatenated rather than combined: ids such as "urn:ngsi-ld:..." would otherwise read as absolute URIs.
        var uri = new Uri(absolute ? path : BrokerRoot + path.TrimStart('/'), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = request.VerbatimPath });
        var message = new HttpRequestMessage(request.Method, uri);
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(context.Build(body)));
        }

        if (request.ContentType is { } contentType)
        {
            // The suite also sends a Content-Type on some bodiless requests (e.g. Retrieve Subscription).
            message.Content ??= new ByteArrayContent([]);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (request.AcceptType is { } accept)
        {
            message.Headers.TryAddWithoutValidation("Accept", context.Text(accept));
        }

        if (request.LinkContext is { } link)
        {
            message.Headers.TryAddWithoutValidation("Link", $"<{context.Text(link)}>; {LinkRel}");
        }

        foreach (var (name, value) in request.Headers)
        {
            var text = context.Text(value);
            if (!message.Headers.TryAddWithoutValidation(name, text))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, text);
            }
        }

        return message;
    }

    private async Task CleanupAsync(ConformanceCase @case, CaseContext context, List<string> transcript)
    {
        foreach (var request in @case.Cleanup)
        {
            try
            {
                using var message = BuildRequest(request, context);
                using var answer = await http.SendAsync(message, CancellationToken.None);
                transcript.Add($"cleanup: {message.Method} {message.RequestUri} → {(int)answer.StatusCode}");
                await DeleteTemporalOnCoreDeleteAsync(message, transcript, "cleanup: ");
            }
            catch (Variables.MissingException)
            {
                // The case failed before it made what this request would delete.
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                transcript.Add($"cleanup: {request.Method} {request.Path} → no answer ({e.Message})");
            }
        }
    }

    /// <summary>
    /// As the suite's Delete Entity keyword does by default (<c>delete_temporal_on_core_delete</c>): a broker may keep the
    /// history of a deleted entity, which would otherwise show up in later temporal queries.
    /// </summary>
    private async Task DeleteTemporalOnCoreDeleteAsync(HttpRequestMessage message, List<string> transcript, string prefix)
    {
        if (message.RequestUri is not { } uri) return;
        var path = uri.AbsolutePath;
        if (message.Method == HttpMethod.Post && path.EndsWith("/ngsi-ld/v1/entityOperations/delete", StringComparison.Ordinal) && message.Content is { } content)
        {
            // Batch delete: each id of the body.
            try
            {
                if (System.Text.Json.Nodes.JsonNode.Parse(await content.ReadAsStringAsync()) is System.Text.Json.Nodes.JsonArray ids)
                    foreach (var id in ids.OfType<System.Text.Json.Nodes.JsonValue>())
                        if (id.TryGetValue<string>(out var text))
                            await DeleteTemporalAsync(message, new Uri(uri, path.Replace("entityOperations/delete", "temporal/entities/", StringComparison.Ordinal) + Uri.EscapeDataString(text)), transcript, prefix);
            }
            catch (System.Text.Json.JsonException)
            {
                // Not a list of ids: the case sent something invalid on purpose.
            }
            return;
        }
        if (message.Method != HttpMethod.Delete) return;
        var at = path.IndexOf("/ngsi-ld/v1/entities/", StringComparison.Ordinal);
        if (at < 0 || path.IndexOf('/', at + "/ngsi-ld/v1/entities/".Length) >= 0) return;
        await DeleteTemporalAsync(message, new Uri(uri, path.Replace("/ngsi-ld/v1/entities/", "/ngsi-ld/v1/temporal/entities/", StringComparison.Ordinal)), transcript, prefix);
    }

    private async Task DeleteTemporalAsync(HttpRequestMessage message, Uri target, List<string> transcript, string prefix)
    {
        using var temporal = new HttpRequestMessage(HttpMethod.Delete, target);
        foreach (var (name, values) in message.Headers) temporal.Headers.TryAddWithoutValidation(name, values);
        try
        {
            using var answer = await http.SendAsync(temporal, CancellationToken.None);
            transcript.Add($"{prefix}DELETE {temporal.RequestUri} → {(int)answer.StatusCode} (delete_temporal_on_core_delete)");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            transcript.Add($"{prefix}DELETE {temporal.RequestUri} → no answer ({e.Message})");
        }
    }

    private static string Report(ConformanceCase @case, string failure, List<string> transcript) =>
        new StringBuilder()
            .AppendLine($"{@case.Key} — {@case.Title}")
            .AppendLine(failure)
            .AppendLine("Requests:")
            .AppendJoin('\n', transcript.Select(t => "  " + t))
            .ToString();

    private static string RandomDigits(int count) =>
        string.Create(count, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('0' + Random.Shared.Next(10));
            }
        });
}
