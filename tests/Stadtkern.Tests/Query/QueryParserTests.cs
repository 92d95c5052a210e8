using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Query;

namespace Stadtkern.Tests.Query;

/// <summary>The q grammar (clause 4.9): structure, operators, values, paths and every kind of syntax error.</summary>
public sealed class QueryParserTests
{
    private const string Vocab = "https://uri.etsi.org/ngsi-ld/default-context/";

    private static QueryExpression Parse(string q) => QueryParser.Parse(q, JsonLdContext.Core);

    private static QueryExpression.Term Term(string q) => Assert.IsType<QueryExpression.Term>(Parse(q));

    [Fact]
    public void Comparison_expands_the_attribute_name_with_the_context()
    {
        var term = Term("temperature>20");

        Assert.Equal([Vocab + "temperature"], term.Path.Attributes);
        Assert.Equal(">", term.Operator);
        Assert.Equal(20, Assert.IsType<QueryValue.Single>(term.Value).Value!.GetValue<double>());
    }

    [Theory]
    [InlineData("a==1", "==")]
    [InlineData("a!=1", "!=")]
    [InlineData("a>=1", ">=")]
    [InlineData("a<=1", "<=")]
    [InlineData("a>1", ">")]
    [InlineData("a<1", "<")]
    [InlineData("a~=\"x\"", "~=")]
    [InlineData("a!~=\"x\"", "!~=")]
    public void Every_operator_is_recognised(string q, string op)
    {
        Assert.Equal(op, Term(q).Operator);
    }

    [Fact]
    public void Bare_attribute_is_an_existence_test()
    {
        var term = Term("speed");

        Assert.Null(term.Operator);
        Assert.Null(term.Value);
    }

    [Fact]
    public void Semicolon_binds_tighter_than_pipe()
    {
        var or = Assert.IsType<QueryExpression.Or>(Parse("a==1;b==2|c==3"));

        Assert.IsType<QueryExpression.And>(or.Terms[0]);
        Assert.IsType<QueryExpression.Term>(or.Terms[1]);
    }

    [Fact]
    public void Parentheses_group_an_or_inside_an_and()
    {
        var and = Assert.IsType<QueryExpression.And>(Parse("(a==1|b==2);c==3"));

        Assert.IsType<QueryExpression.Or>(and.Terms[0]);
    }

    [Fact]
    public void Range_and_list_values_are_parsed()
    {
        var range = Assert.IsType<QueryValue.Range>(Term("a==1..5").Value);
        var list = Assert.IsType<QueryValue.ValueList>(Term("a==\"x\",\"y\",3").Value);

        Assert.Equal(1, range.Min.Value!.GetValue<double>());
        Assert.Equal(5, range.Max.Value!.GetValue<double>());
        Assert.Equal(3, list.Values.Count);
    }

    [Fact]
    public void Decimal_values_are_not_mistaken_for_ranges()
    {
        var value = Assert.IsType<QueryValue.Single>(Term("a==2.5").Value);

        Assert.Equal(2.5, value.Value!.GetValue<double>());
    }

    [Fact]
    public void Quoted_strings_keep_special_characters_and_unescape_quotes()
    {
        var value = Assert.IsType<QueryValue.Single>(Term("name==\"a;b|c)(d \\\"q\\\"\"").Value);

        Assert.Equal("a;b|c)(d \"q\"", value.Value!.GetValue<string>());
    }

    [Fact]
    public void DateTime_values_are_marked_as_dates()
    {
        var value = Assert.IsType<QueryValue.Single>(Term("observed>2026-11-28T08:00:00Z").Value);

        Assert.True(value.IsDateTime);
    }

    [Theory]
    [InlineData("a==true", true)]
    [InlineData("a==false", false)]
    public void Booleans_are_parsed(string q, bool expected)
    {
        Assert.Equal(expected, Assert.IsType<QueryValue.Single>(Term(q).Value).Value!.GetValue<bool>());
    }

    [Fact]
    public void Dotted_path_names_sub_attributes_and_keeps_metadata_members()
    {
        Assert.Equal([Vocab + "speed", Vocab + "accuracy"], Term("speed.accuracy<1").Path.Attributes);
        Assert.Equal([Vocab + "speed", "observedAt"], Term("speed.observedAt>2026-01-01T00:00:00Z").Path.Attributes);
    }

    [Fact]
    public void Brackets_name_keys_inside_the_value()
    {
        var path = Term("address[city][name]==\"x\"").Path;

        Assert.Equal([Vocab + "address"], path.Attributes);
        Assert.Equal(["city", "name"], path.Keys);
    }

    [Fact]
    public void Absolute_IRI_attribute_names_are_kept_whole()
    {
        Assert.Equal(["https://example.org/speed"], Term("https://example.org/speed>1").Path.Attributes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a==")]
    [InlineData("==1")]
    [InlineData("(a==1")]
    [InlineData("a==1)")]
    [InlineData("a==1;")]
    [InlineData("a==1|")]
    [InlineData("a==\"open")]
    [InlineData("a[]==1")]
    [InlineData("a[k==1")]
    [InlineData("a b==1")]
    [InlineData("a==x'y")]
    [InlineData("a==1 OR 1=1")]
    [InlineData("a~=\"(\"")]
    [InlineData("a<b>==1")]
    public void Syntax_errors_are_BadRequestData(string q)
    {
        var error = Assert.Throws<NgsiLdException>(() => Parse(q));

        Assert.Equal(ErrorType.BadRequestData, error.Type);
    }

    [Fact]
    public void Query_longer_than_4096_characters_is_TooComplexQuery()
    {
        var error = Assert.Throws<NgsiLdException>(() => Parse("a==\"" + new string('x', 5000) + "\""));

        Assert.Equal(ErrorType.TooComplexQuery, error.Type);
    }

    [Fact]
    public void Nesting_of_16_levels_is_accepted_and_17_is_TooComplexQuery()
    {
        _ = Parse(new string('(', 16) + "a==1" + new string(')', 16));

        var error = Assert.Throws<NgsiLdException>(() => Parse(new string('(', 17) + "a==1" + new string(')', 17)));
        Assert.Equal(ErrorType.TooComplexQuery, error.Type);
    }

    [Fact]
    public void Sequential_groups_do_not_add_up_to_the_nesting_limit()
    {
        var q = string.Join(';', Enumerable.Range(0, 30).Select(i => $"((a=={i}))"));

        Assert.IsType<QueryExpression.And>(Parse(q));
    }

    [Fact]
    public void Error_message_names_the_position()
    {
        var error = Assert.Throws<NgsiLdException>(() => Parse("a==1;;b==2"));

        Assert.Contains("position", error.Detail);
    }
}
