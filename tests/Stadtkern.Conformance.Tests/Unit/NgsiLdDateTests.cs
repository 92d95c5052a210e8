namespace Stadtkern.Conformance.Tests.Unit;

public sealed class NgsiLdDateTests
{
    [Theory]
    [InlineData("2020-09-09T16:40:00Z")]
    [InlineData("2020-09-09T16:40:00.000Z")]
    [InlineData("2020-09-09T16:40:00,5Z")]
    [InlineData("2020-09-09T16:40:00.123456789Z")]
    public void Accepts_utc_with_z(string text) => Assert.True(NgsiLdDate.IsValid(text));

    [Theory]
    [InlineData("2020-09-09T16:40:00+00:00")]
    [InlineData("2020-09-09T16:40:00")]
    [InlineData("2020-09-09")]
    [InlineData("2020-13-09T16:40:00Z")]
    [InlineData("not a date")]
    [InlineData(null)]
    public void Refuses_anything_else(string? text) => Assert.False(NgsiLdDate.IsValid(text));

    [Fact]
    public void Fractions_are_cut_to_microseconds()
    {
        Assert.True(NgsiLdDate.TryParse("2020-01-01T00:00:00.1234567Z", out var a));
        Assert.True(NgsiLdDate.TryParse("2020-01-01T00:00:00.1234569Z", out var b));
        Assert.Equal(a, b);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1234560), a);
    }
}
