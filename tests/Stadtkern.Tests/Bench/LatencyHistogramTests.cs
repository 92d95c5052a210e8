using Stadtkern.Load;

namespace Stadtkern.Tests.Bench;

/// <summary>Percentiles from fixed buckets: close to the exact ones, the maximum exact, memory independent of the number of values.</summary>
public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_are_within_one_percent_of_the_exact_values()
    {
        var histogram = new LatencyHistogram();
        var values = Enumerable.Range(1, 100_000).Select(i => (long)i * 37 % 2_000_000 + 1).ToArray();
        foreach (var v in values) histogram.RecordMicroseconds(v);
        Array.Sort(values);

        foreach (var p in new[] { 50.0, 90, 99, 99.9 })
        {
            var exact = values[(int)Math.Ceiling(p / 100 * values.Length) - 1] / 1000.0;
            Assert.InRange(histogram.PercentileMilliseconds(p), exact * 0.99, exact * 1.01);
        }
        Assert.Equal(values[^1] / 1000.0, histogram.MaxMilliseconds);
        Assert.Equal(values.Length, histogram.Count);
    }

    [Fact]
    public void Small_values_are_exact_and_an_empty_histogram_reads_zero()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(0, histogram.PercentileMilliseconds(99));

        histogram.RecordMicroseconds(5);
        histogram.RecordMicroseconds(100);

        Assert.Equal(0.005, histogram.PercentileMilliseconds(50));
        Assert.Equal(0.1, histogram.PercentileMilliseconds(100));
    }

    [Fact]
    public void Adding_a_histogram_counts_its_values_and_keeps_the_larger_maximum()
    {
        var a = new LatencyHistogram(4);
        var b = new LatencyHistogram(4);
        a.RecordMicroseconds(1_000);
        b.RecordMicroseconds(900_000);
        b.RecordMicroseconds(2_000);

        a.Add(b);

        Assert.Equal(3, a.Count);
        Assert.Equal(900, a.MaxMilliseconds);
        Assert.Throws<ArgumentException>(() => a.Add(new LatencyHistogram(7)));
    }

    [Fact]
    public void Values_beyond_the_range_are_clamped_rather_than_lost()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(TimeSpan.FromDays(30));
        histogram.RecordMicroseconds(-5);

        Assert.Equal(2, histogram.Count);
        Assert.True(histogram.PercentileMilliseconds(100) > 60_000_000);
    }
}
