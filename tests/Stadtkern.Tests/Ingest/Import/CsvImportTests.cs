using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Ingest.Import;

/// <summary>CSV files imported over HTTP: RFC 4180 quoting, German conventions, id templates, coordinates, units, refused rows by line.</summary>
public sealed class CsvImportTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private const string German = """
        {"type":"WasteContainer","idTemplate":"urn:ngsi-ld:WasteContainer:{nr}","latitude":"breite","longitude":"länge",
         "delimiter":";","decimalComma":true,
         "columns":{"füllstand":{"name":"fillingLevel","type":"number","unitCode":"P1"},"standort":{"name":"address"},"plz":{"name":"postalCode"}},
         "ignore":["intern"]}
        """;

    [Fact]
    public async Task A_German_file_with_quotes_semicolons_and_decimal_commas_becomes_entities()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        var csv = "nr;standort;plz;breite;länge;füllstand;intern\r\n"
            + "A 1;\"Markt; Ecke \"\"Alte Post\"\"\";01067;51,0504;13,7373;42,5;x\r\n"
            + "A2;\"Hof\nhinten\";01069;51,04;13,74;7;y\r\n";

        var reply = await tenant.ImportAsync("csv", German, csv, "text/csv");

        var summary = reply.ShouldHaveStatus(200).Object;
        Assert.Equal((2L, 2L, 0L), (summary["rows"]!.GetValue<long>(), summary["applied"]!.GetValue<long>(), summary["rejected"]!.GetValue<long>()));
        var first = await tenant.RetrieveOkAsync("urn:ngsi-ld:WasteContainer:A%201");
        Assert.Equal("WasteContainer", first["type"]!.GetValue<string>());
        Assert.Equal("Markt; Ecke \"Alte Post\"", TestData.ValueOf(first, "address")!.GetValue<string>());
        Assert.Equal("01067", TestData.ValueOf(first, "postalCode")!.GetValue<string>());
        Assert.Equal(42.5, TestData.ValueOf(first, "fillingLevel")!.GetValue<double>());
        Assert.Equal("P1", first["fillingLevel"]!["unitCode"]!.GetValue<string>());
        Assert.True(TestData.Same(TestData.Point(13.7373, 51.0504)["value"], first["location"]!["value"]));
        Assert.Null(first["intern"]);
        Assert.Null(first["nr"]);
        var second = await tenant.RetrieveOkAsync("urn:ngsi-ld:WasteContainer:A2");
        Assert.Equal("Hof\nhinten", TestData.ValueOf(second, "address")!.GetValue<string>());
    }

    [Fact]
    public async Task Refused_rows_are_named_by_the_line_they_start_on_even_after_a_field_with_a_line_break()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        var csv = "id,name,level\n"            // line 1
            + "s1,\"two\nlines\",1\n"          // lines 2-3
            + "s2,ok,not-a-number\n"           // line 4: level is no number
            + "s3,short\n"                     // line 5: a field missing
            + "\n"                             // line 6: blank
            + "s4,\"three\n\nlines\",4\n"      // lines 7-9
            + ",no id,5\n";                    // line 10: no id
        var mapping = """{"type":"Sensor","idColumn":"id","columns":{"level":{"type":"number"}}}""";

        var summary = (await tenant.ImportAsync("csv", mapping, csv)).ShouldHaveStatus(200).Object;

        Assert.Equal((5L, 2L, 3L), (summary["rows"]!.GetValue<long>(), summary["applied"]!.GetValue<long>(), summary["rejected"]!.GetValue<long>()));
        Assert.Equal([(4L, 1L, "BadRequestData"), (5L, 2L, "BadRequestData"), (10L, 4L, "BadRequestData")], ImportClient.Rejections(summary));
        Assert.Contains("not-a-number", summary["rejections"]![0]!["error"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(4, TestData.ValueOf(await tenant.RetrieveOkAsync("urn:ngsi-ld:Sensor:s4"), "level")!.GetValue<double>());
    }

    [Fact]
    public async Task Rows_with_an_observedAt_column_become_the_entitys_history()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        var csv = "station,zeit,temperatur\nS1,2026-01-01T00:00:00Z,1.5\nS1,2026-01-01T01:00:00Z,2.5\nS1,2026-01-01T02:00:00Z,3.5\n";
        var mapping = """{"type":"WeatherObserved","idColumn":"station","observedAt":"zeit","columns":{"temperatur":{"name":"temperature","unitCode":"CEL"}}}""";

        (await tenant.ImportAsync("csv", mapping, csv)).ShouldHaveStatus(200);

        var history = (await tenant.GetAsync("ngsi-ld/v1/temporal/entities/urn:ngsi-ld:WeatherObserved:S1?options=temporalValues")).ShouldHaveStatus(200).Object;
        Assert.Equal(3, history["temperature"]!["values"]!.AsArray().Count);
        var now = await tenant.RetrieveOkAsync("urn:ngsi-ld:WeatherObserved:S1");
        Assert.Equal(3.5, TestData.ValueOf(now, "temperature")!.GetValue<double>());
        Assert.Equal("2026-01-01T02:00:00Z", now["temperature"]!["observedAt"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"idColumn":"id"}""", "type")]
    [InlineData("""{"type":"Sensor","idColumn":"nope"}""", "nope")]
    [InlineData("""{"type":"Sensor","idColumn":"id","latitude":"lat"}""", "longitude")]
    [InlineData("""{"type":"Sensor","idColumn":"id","colums":{}}""", "colums")]
    [InlineData("""{"type":"Sensor","idColumn":"id","columns":{"level":{"type":"integer"}}}""", "integer")]
    [InlineData("""{"type":"Sensor"}""", "idColumn")]
    [InlineData("""{"type":"Sensor","idColumn":"id","columns":{"level":{"name":"type"}}}""", "type")]
    public async Task A_bad_mapping_is_refused_and_changes_nothing(string mapping, string named)
    {
        var before = StoreSnapshot.Take(fixture.Broker);

        var reply = await _client.ImportAsync("csv", mapping, "id,level\ns1,1\n");

        var detail = reply.ShouldBeProblem(400, "BadRequestData").Object["detail"]!.GetValue<string>();
        Assert.Contains(named, detail, StringComparison.Ordinal);
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public async Task Default_mapping_makes_every_other_column_a_property_and_detects_numbers()
    {
        var tenant = _client.ForTenant(TestData.NewTenant());
        var csv = "id,name,count,ratio,code\nurn:ngsi-ld:Shop:1,Bäcker,3,0.25,007\n";

        (await tenant.ImportAsync("csv", """{"type":"Shop","idColumn":"id"}""", csv)).ShouldHaveStatus(200);

        var shop = await tenant.RetrieveOkAsync("urn:ngsi-ld:Shop:1");
        Assert.Equal("Bäcker", TestData.ValueOf(shop, "name")!.GetValue<string>());
        Assert.Equal(3, TestData.ValueOf(shop, "count")!.GetValue<double>());
        Assert.Equal(0.25, TestData.ValueOf(shop, "ratio")!.GetValue<double>());
        Assert.Equal("007", TestData.ValueOf(shop, "code")!.GetValue<string>());
    }
}
