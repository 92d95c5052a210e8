using Stadtkern.Load;

namespace Stadtkern.Tests.Bench;

/// <summary>The open loop: every planned request is accounted for, and latency counts from when a request was due, not from when it could be sent.</summary>
public sealed class LoadDriverTests
{
    [Fact]
    public async Task A_slow_target_shows_as_latency_and_unsent_requests_not_as_a_lower_rate()
    {
        var shape = new LoadShape(TimeSpan.FromSeconds(0.5), Rate: 100, Concurrency: 1);

        var recorder = await new LoadDriver(TimeProvider.System).RunAsync(shape, async (_, token) =>
        {
            await Task.Delay(50, token);
            return RequestOutcome.Answered("slow", 200);
        }, "slow", null, CancellationToken.None);

        // 100/s for 0.5 s plans 50 requests; one connection at 50 ms each sends about 10 of them.
        Assert.Equal(50, recorder.Latency.Count);
        Assert.Equal(recorder.Sent, recorder.Succeeded);
        Assert.Equal(50 - recorder.Sent, recorder.Errors[RequestOutcome.NotSentKind]);
        Assert.True(recorder.Sent < 50);
        // The fifth request was due at 40 ms and cannot have been answered before 250 ms.
        Assert.True(recorder.Latency.MaxMilliseconds >= 200, $"max {recorder.Latency.MaxMilliseconds} ms");
    }

    [Fact]
    public async Task A_closed_loop_with_a_request_count_sends_exactly_that_many()
    {
        var shape = new LoadShape(TimeSpan.FromSeconds(30), Rate: null, Concurrency: 3, Requests: 20);
        var sent = 0;

        var recorder = await new LoadDriver(TimeProvider.System).RunAsync(shape, (_, _) =>
        {
            Interlocked.Increment(ref sent);
            return Task.FromResult(RequestOutcome.Answered("fast", 204));
        }, "fast", null, CancellationToken.None);

        Assert.Equal(20, sent);
        Assert.Equal(20, recorder.Succeeded);
        Assert.Equal(20, recorder.Statuses[204]);
        Assert.Equal(20, recorder.Timeline().Sum(w => w.Requests));
    }

    [Fact]
    public async Task A_request_without_an_answer_is_an_error_of_its_kind()
    {
        var shape = new LoadShape(TimeSpan.FromSeconds(30), Rate: null, Concurrency: 1, Requests: 3, Timeout: TimeSpan.FromMilliseconds(20));

        var recorder = await new LoadDriver(TimeProvider.System).RunAsync(shape, async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return RequestOutcome.Answered("hanging", 200);
        }, "hanging", null, CancellationToken.None);

        Assert.Equal(3, recorder.Errors["timeout"]);
        Assert.Equal(0, recorder.Succeeded);
    }
}
