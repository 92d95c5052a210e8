namespace Stadtkern.Tests.Warnings;

/// <summary>The validator itself: the shared real-world samples that are valid pass, and the broken ones fail for the documented reason.</summary>
public sealed class CapSchemaSamplesTests
{
    [Theory]
    [InlineData("sc-no_signature.xml")]
    [InlineData("sc-valid.xml")]
    [InlineData("tg-valid.xml")]
    public void Warning_schema_accepts_the_valid_samples(string file) =>
        CapSchema.AssertValid(File.ReadAllText(Path.Combine(CapSchema.Folder, "samples", file)));

    [Theory]
    [InlineData("sc-invalid_schema.xml", "not a CAP 1.2 alert")]
    [InlineData("tg-invalid_schema.xml", "audience")]
    public void Warning_schema_refuses_the_invalid_samples(string file, string mentioned)
    {
        var errors = CapSchema.Errors(File.ReadAllText(Path.Combine(CapSchema.Folder, "samples", file)));
        Assert.Contains(errors, e => e.Contains(mentioned, StringComparison.Ordinal));
    }

    [Fact]
    public void Warning_schema_refuses_a_trailing_Z_in_sent()
    {
        var valid = File.ReadAllText(Path.Combine(CapSchema.Folder, "samples", "sc-no_signature.xml"));
        var zulu = valid.Replace("<sent>2024-05-19T17:18:00+04:00</sent>", "<sent>2024-05-19T13:18:00Z</sent>", StringComparison.Ordinal);
        Assert.NotEqual(valid, zulu);
        Assert.NotEmpty(CapSchema.Errors(zulu));
    }
}
