using System.Text.Json.Nodes;

namespace Stadtkern.Conformance.Tests.Unit;

public sealed class JsonComparerTests
{
    private static IReadOnlyList<string> Compare(string expected, string actual, params string[] ignored) =>
        JsonComparer.Compare(JsonNode.Parse(expected), JsonNode.Parse(actual), ignored);

    [Fact]
    public void Equal_documents_have_no_differences() =>
        Assert.Empty(Compare("""{"a":1,"b":{"c":[1,2]}}""", """{"b":{"c":[1,2]},"a":1}"""));

    [Fact]
    public void List_order_is_ignored() =>
        Assert.Empty(Compare("""[1,"x",{"k":true}]""", """[{"k":true},1,"x"]"""));

    [Fact]
    public void Repeated_list_elements_must_match_in_number() =>
        Assert.NotEmpty(Compare("[1,1,2]", "[1,2,2]"));

    [Fact]
    public void Objects_in_lists_are_paired_by_id_and_their_differences_shown()
    {
        var differences = Compare(
            """[{"id":"a","v":1},{"id":"b","v":2}]""",
            """[{"id":"b","v":3},{"id":"a","v":1}]""");
        Assert.Equal(["$[1].v: expected 2, got 3"], differences);
    }

    [Fact]
    public void An_element_missing_from_a_list_is_reported() =>
        Assert.Contains(Compare("""[{"id":"a"},{"id":"b"}]""", """[{"id":"a"}]"""), d => d.Contains("no matching element", StringComparison.Ordinal));

    [Fact]
    public void Missing_and_unexpected_members_are_differences()
    {
        var differences = Compare("""{"a":1,"b":2}""", """{"a":1,"c":3}""");
        Assert.Equal(2, differences.Count);
        Assert.Contains(differences, d => d.StartsWith("$.b: missing", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("$.c: unexpected member", StringComparison.Ordinal));
    }

    [Fact]
    public void InstanceId_is_ignored_at_any_depth() =>
        Assert.Empty(Compare("""{"p":{"value":1}}""", """{"p":{"value":1,"instanceId":"urn:x"}}"""));

    [Fact]
    public void Extra_ignored_names_apply_at_any_depth() =>
        Assert.Empty(Compare("""{"a":{"status":"x"}}""", """{"a":{"status":"y"},"status":1}""", "status"));

    [Fact]
    public void An_ignored_path_applies_only_where_it_points()
    {
        Assert.Empty(Compare("""{"id":"x","a":{"id":"y"}}""", """{"id":"z","a":{"id":"y"}}""", "$.id"));
        Assert.NotEmpty(Compare("""{"id":"x","a":{"id":"y"}}""", """{"id":"x","a":{"id":"q"}}""", "$.id"));
        Assert.Empty(Compare("""[{"s":1},{"s":2}]""", """[{"s":3},{"s":4}]""", "$[*].s"));
    }

    [Fact]
    public void A_context_string_equals_a_one_element_list() =>
        Assert.Empty(Compare("""{"@context":"https://x/c.jsonld"}""", """{"@context":["https://x/c.jsonld"]}"""));

    [Fact]
    public void Different_contexts_differ() =>
        Assert.NotEmpty(Compare("""{"@context":"https://x/c.jsonld"}""", """{"@context":["https://x/other.jsonld"]}"""));

    [Fact]
    public void Any_core_context_version_is_accepted() =>
        Assert.Empty(Compare(
            """{"@context":"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"}""",
            """{"@context":["https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.9.jsonld"]}"""));

    [Fact]
    public void ObservedAt_is_compared_as_an_instant()
    {
        Assert.Empty(Compare("""{"observedAt":"2020-09-09T16:40:00.000Z"}""", """{"observedAt":"2020-09-09T16:40:00Z"}"""));
        Assert.NotEmpty(Compare("""{"observedAt":"2020-09-09T16:40:00.000Z"}""", """{"observedAt":"2020-09-09T16:40:01Z"}"""));
    }

    [Fact]
    public void System_dates_only_need_to_be_valid_utc_dates()
    {
        Assert.Empty(Compare("""{"createdAt":"2020-01-01T00:00:00Z"}""", """{"createdAt":"2031-05-05T10:11:12.123456789Z"}"""));
        Assert.NotEmpty(Compare("""{"modifiedAt":"2020-01-01T00:00:00Z"}""", """{"modifiedAt":"2020-01-01T00:00:00+00:00"}"""));
        Assert.NotEmpty(Compare("""{"deletedAt":"2020-01-01T00:00:00Z"}""", "{}"));
    }

    [Fact]
    public void Numbers_compare_by_value_and_types_must_match()
    {
        Assert.Empty(Compare("""{"v":4}""", """{"v":4.0}"""));
        Assert.NotEmpty(Compare("""{"v":4}""", """{"v":"4"}"""));
        Assert.NotEmpty(Compare("""{"v":true}""", """{"v":false}"""));
        Assert.NotEmpty(Compare("""{"v":null}""", """{"v":0}"""));
    }
}
