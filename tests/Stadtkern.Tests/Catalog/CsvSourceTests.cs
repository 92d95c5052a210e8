using System.Text;
using Stadtkern.Anonymisation;
using Stadtkern.Catalog;
using Stadtkern.Errors;

namespace Stadtkern.Tests.Catalog;

/// <summary>Uploaded CSV sources as RFC 4180 and common exports write them.</summary>
public sealed class CsvSourceTests
{
    private static Table Read(string text) => CsvSource.Read(Encoding.UTF8.GetBytes(text), 100);

    [Fact]
    public void Quoted_fields_keep_separators_quotes_and_line_breaks_and_CRLF_ends_a_record()
    {
        var table = Read("name,note,n\r\n\"Müller, Anna\",\"sagt \"\"hallo\"\"\nund geht\",3\r\nB,,-1.5e2\r\n");

        Assert.Equal(["name", "note", "n"], table.Columns);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["Müller, Anna", "sagt \"hallo\"\nund geht", 3.0], table.Rows[0]);
        Assert.Equal(["B", null, -150.0], table.Rows[1]);
    }

    [Fact]
    public void Semicolons_a_byte_order_mark_instants_and_coordinates_are_understood()
    {
        var table = Read("\uFEFFstation;lat;lon;at\nA;49.87;8.65;2026-11-29T08:00:00Z\n\nB;49.88;8.66;gestern\n");

        Assert.Equal(["station", "at", "location"], table.Columns);
        Assert.Equal(new GeoPoint(8.65, 49.87), table.Rows[0][2]);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero), table.Rows[0][1]);
        Assert.Equal("gestern", table.Rows[1][1]);
    }

    [Theory]
    [InlineData("a,b\n1,2,3\n", "Line 2 of the CSV has 3 fields")]
    [InlineData("a,b\n\"1,2\n", "ends inside a quoted field")]
    [InlineData("a,a\n1,2\n", "distinct, non-empty column names")]
    [InlineData("", "empty")]
    public void A_broken_file_is_refused_with_the_reason(string text, string reason)
    {
        var refused = Assert.Throws<NgsiLdException>(() => Read(text));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }
}
