using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Query;

namespace Stadtkern.Tests.Query;

/// <summary>The entity type selection language (clause 4.17).</summary>
public sealed class TypeExpressionTests
{
    private const string Vocab = "https://uri.etsi.org/ngsi-ld/default-context/";

    private static bool Matches(string expression, params string[] types) =>
        TypeExpression.Parse(expression, JsonLdContext.Core).Matches(types.Select(t => Vocab + t));

    [Theory]
    [InlineData("Building", new[] { "Building" }, true)]
    [InlineData("Building", new[] { "Vehicle" }, false)]
    [InlineData("Building", new[] { "Building", "Shop" }, true)]
    [InlineData("Building,Vehicle", new[] { "Vehicle" }, true)]
    [InlineData("Building|Vehicle", new[] { "Vehicle" }, true)]
    [InlineData("Building;Shop", new[] { "Building" }, false)]
    [InlineData("Building;Shop", new[] { "Shop", "Building" }, true)]
    [InlineData("(Building;Shop)|Vehicle", new[] { "Vehicle" }, true)]
    [InlineData("(Building;Shop)|Vehicle", new[] { "Shop" }, false)]
    [InlineData("(Building;Shop);Cafe", new[] { "Shop", "Building", "Cafe" }, true)]
    [InlineData("(Building;Shop);Cafe", new[] { "Shop", "Building" }, false)]
    public void Types_are_matched_by_any_or_all(string expression, string[] types, bool expected)
    {
        Assert.Equal(expected, Matches(expression, types));
    }

    [Fact]
    public void All_named_types_are_listed_expanded_for_the_index()
    {
        var expression = TypeExpression.Parse("(Building;Shop)|Vehicle", JsonLdContext.Core);

        Assert.Equal(new[] { Vocab + "Building", Vocab + "Shop", Vocab + "Vehicle" }.Order(), expression.AllTypes.Order());
    }

    [Fact]
    public void Absolute_IRIs_are_matched_as_given()
    {
        var expression = TypeExpression.Parse("https://example.org/Bus", JsonLdContext.Core);

        Assert.True(expression.Matches(["https://example.org/Bus"]));
        Assert.False(expression.Matches([Vocab + "Bus"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Building<")]
    [InlineData("(Building;Shop")]
    [InlineData("Building;Shop)")]
    [InlineData("Bu ilding")]
    public void Malformed_expressions_are_BadRequestData(string expression)
    {
        Assert.Equal(ErrorType.BadRequestData, Assert.Throws<NgsiLdException>(() => TypeExpression.Parse(expression, JsonLdContext.Core)).Type);
    }

    /// <summary>Documented limitation: an alternative inside an all-of group is refused clearly rather than evaluated wrongly.</summary>
    [Fact]
    public void Alternatives_nested_inside_an_all_of_group_are_refused_clearly()
    {
        var error = Assert.Throws<NgsiLdException>(() => TypeExpression.Parse("(Building|Shop);Cafe", JsonLdContext.Core));

        Assert.Equal(ErrorType.BadRequestData, error.Type);
    }

    [Fact]
    public void Expression_longer_than_2048_characters_is_refused()
    {
        Assert.Throws<NgsiLdException>(() => TypeExpression.Parse(string.Join(',', Enumerable.Range(0, 500).Select(i => $"Type{i}")), JsonLdContext.Core));
    }
}
