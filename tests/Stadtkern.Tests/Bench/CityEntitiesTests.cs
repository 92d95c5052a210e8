using System.Text.Json.Nodes;
using Stadtkern.Load;

namespace Stadtkern.Tests.Bench;

/// <summary>The benchmark city: the same entities from the same seed, in Smart Data Models shapes.</summary>
public sealed class CityEntitiesTests
{
    [Fact]
    public void The_same_seed_makes_the_same_entities_and_another_seed_other_ones()
    {
        var city = new CityEntities(7);

        Assert.Equal(city.Entity(12), new CityEntities(7).Entity(12));
        Assert.NotEqual(city.Entity(12), new CityEntities(8).Entity(12));
        Assert.Equal(city.Measurement(3, 99), new CityEntities(7).Measurement(3, 99));
    }

    [Theory]
    [InlineData(0, "WasteContainer", "fillingLevel")]
    [InlineData(1, "Streetlight", "illuminanceLevel")]
    [InlineData(2, "AirQualityObserved", "NO2")]
    [InlineData(3, "ParkingSpot", "status")]
    public void Each_kind_is_normalized_ngsi_ld_with_a_location_and_its_measured_attribute(long k, string type, string measured)
    {
        var entity = JsonNode.Parse(new CityEntities(1).Entity(k))!.AsObject();

        Assert.Equal(type, entity["type"]!.GetValue<string>());
        Assert.StartsWith($"urn:ngsi-ld:{type}:", entity["id"]!.GetValue<string>());
        Assert.Equal("GeoProperty", entity["location"]!["type"]!.GetValue<string>());
        Assert.Equal("Property", entity[measured]!["type"]!.GetValue<string>());
        Assert.NotNull(entity[measured]!["observedAt"]);
    }

    [Fact]
    public void A_batch_is_a_json_array_of_distinct_entities()
    {
        var batch = JsonNode.Parse(new CityEntities(1).Batch(100, 20))!.AsArray();

        Assert.Equal(20, batch.Count);
        Assert.Equal(20, batch.Select(e => e!["id"]!.GetValue<string>()).Distinct().Count());
    }
}
