using System.Text.Json.Nodes;
using Stadtkern.Query;

namespace Stadtkern.Tests.Query;

/// <summary>The value index reads numbers whether they were parsed from a request or built in code (by an importer, a rule).</summary>
public sealed class IndexedValuesTests
{
    [Fact]
    public void Numbers_built_in_code_as_long_int_or_decimal_are_indexed_as_doubles()
    {
        var entity = new JsonObject
        {
            ["id"] = "urn:ngsi-ld:Thing:1",
            ["a"] = new JsonArray(new JsonObject { ["type"] = "Property", ["value"] = 5L }),
            ["b"] = new JsonArray(new JsonObject { ["type"] = "Property", ["value"] = 7 }),
            ["c"] = new JsonArray(new JsonObject { ["type"] = "Property", ["value"] = 2.5m }),
        };

        var values = IndexedValues.Of(entity).ToList();

        Assert.Equal([("a", (double?)5, (string?)null), ("b", 7, null), ("c", 2.5, null)], values);
    }
}
