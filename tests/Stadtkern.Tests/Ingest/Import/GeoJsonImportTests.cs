using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Ingest.Import;

/// <summary>GeoJSON FeatureCollections imported over HTTP: features become entities, geometries their location.</summary>
public sealed class GeoJsonImportTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private const string Collection = """
        {
          "type": "FeatureCollection",
          "name": "Parkplätze",
          "crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } },
          "features": [
            { "type": "Feature", "id": 17, "geometry": { "type": "Point", "coordinates": [13.74, 51.05] },
              "properties": { "name": "Altmarkt", "spaces": 120, "open": true, "operator": { "name": "Stadt" }, "note": null } },
            { "type": "Feature", "id": "urn:ngsi-ld:OffStreetParking:P2",
              "geometry": { "type": "Polygon", "coordinates": [[[13.7, 51.0], [13.8, 51.0], [13.8, 51.1], [13.7, 51.0]]] },
              "properties": { "name": "Postplatz", "spaces": 80 } },
            { "type": "Feature", "id": 3, "geometry": { "type": "Point", "coordinates": [500, 51.05] }, "properties": { "name": "Nirgendwo" } },
            { "type": "Feature", "geometry": null, "properties": { "name": "ohne Id" } },
            [1, 2]
          ],
          "bbox": [13.7, 51.0, 13.8, 51.1]
        }
        """;

    [Fact]
    public async Task Features_become_entities_with_their_geometry_as_location_and_bad_features_are_named()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());

        var reply = await tenant.ImportAsync("geojson", """{"type":"OffStreetParking","columns":{"spaces":{"name":"totalSpotNumber"}}}""", Collection,
            "application/geo+json");

        var summary = reply.ShouldHaveStatus(200).Object;
        Assert.Equal((5L, 2L, 3L), (summary["rows"]!.GetValue<long>(), summary["applied"]!.GetValue<long>(), summary["rejected"]!.GetValue<long>()));
        Assert.Equal([2L, 3L, 4L], ImportClient.Rejections(summary).Select(r => r.Index));
        Assert.Equal([11L, 12L, 13L], ImportClient.Rejections(summary).Select(r => r.Line));
        var first = await tenant.RetrieveOkAsync("urn:ngsi-ld:OffStreetParking:17");
        Assert.True(TestData.Same(TestData.Point(13.74, 51.05)["value"], first["location"]!["value"]));
        Assert.Equal(120, TestData.ValueOf(first, "totalSpotNumber")!.GetValue<double>());
        Assert.True(TestData.ValueOf(first, "open")!.GetValue<bool>());
        Assert.Equal("Stadt", TestData.ValueOf(first, "operator")!["name"]!.GetValue<string>());
        Assert.Null(first["note"]);
        var second = await tenant.RetrieveOkAsync("urn:ngsi-ld:OffStreetParking:P2");
        Assert.Equal("Polygon", second["location"]!["value"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_file_without_features_is_refused_and_changes_nothing()
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        (await _client.ImportAsync("geojson", """{"type":"Thing"}""", """{"type":"Feature","geometry":null,"properties":{}}"""))
            .ShouldBeProblem(400, "InvalidRequest");

        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }
}
