using System.Text.Json.Nodes;
using Stadtkern.JsonLd;
using Stadtkern.Model;
using Stadtkern.Query;

namespace Stadtkern.Tests.Query;

/// <summary>Evaluation of parsed queries against stored entities (read by the real <see cref="EntityReader"/>).</summary>
public sealed class QueryEvaluatorTests
{
    private static readonly JsonObject Bike = EntityReader.ReadEntity((JsonObject)JsonNode.Parse("""
        {
          "id": "urn:ngsi-ld:Bike:1", "type": "Bike",
          "speed": [{"type":"Property","value":12,"observedAt":"2026-05-01T10:00:00Z","accuracy":{"type":"Property","value":0.4}},
                    {"type":"Property","value":30,"datasetId":"urn:ngsi-ld:Dataset:gps"}],
          "name": {"type":"Property","value":"Stadtrad 17"},
          "colours": {"type":"Property","value":["red","black"]},
          "frame": {"type":"Property","value":{"size":56,"material":"steel","wheels":[{"inch":28},{"inch":26}]}},
          "available": {"type":"Property","value":true},
          "lastService": {"type":"Property","value":"2026-03-15T00:00:00Z"},
          "station": {"type":"Relationship","object":"urn:ngsi-ld:Station:luisenplatz"},
          "route": {"type":"ListRelationship","objectList":[{"object":"urn:ngsi-ld:Stop:1"},{"object":"urn:ngsi-ld:Stop:2"}]},
          "label": {"type":"LanguageProperty","languageMap":{"de":"Fahrrad","en":"bicycle"}},
          "category": {"type":"VocabProperty","vocab":"cityBike"},
          "gears": {"type":"ListProperty","valueList":[1,2,3]}
        }
        """)!, JsonLdContext.Core);

    private static bool Matches(string q) => QueryEvaluator.Matches(QueryParser.Parse(q, JsonLdContext.Core), Bike, JsonLdContext.Core);

    [Theory]
    [InlineData("speed>25")]
    [InlineData("speed<15")]
    [InlineData("speed==12")]
    [InlineData("speed==30")]
    [InlineData("speed==10..13")]
    [InlineData("speed==1,2,30")]
    public void Any_instance_of_a_multi_attribute_can_match(string q) => Assert.True(Matches(q));

    [Theory]
    [InlineData("speed>30")]
    [InlineData("speed==20")]
    [InlineData("speed!=12")]
    public void No_instance_matching_means_no_match(string q) => Assert.False(Matches(q));

    [Theory]
    [InlineData("name==\"Stadtrad 17\"", true)]
    [InlineData("name!=\"Stadtrad 17\"", false)]
    [InlineData("name>\"Stadt\"", true)]
    [InlineData("name<\"Stadt\"", false)]
    [InlineData("name~=\"^Stadt\"", true)]
    [InlineData("name~=\"^stadt\"", false)]
    [InlineData("name!~=\"rad\"", false)]
    [InlineData("name==17", false)]
    public void Strings_compare_ordinally_and_match_patterns(string q, bool expected) => Assert.Equal(expected, Matches(q));

    [Theory]
    [InlineData("colours==\"red\"", true)]
    [InlineData("colours==\"blue\"", false)]
    [InlineData("colours==\"blue\",\"black\"", true)]
    [InlineData("gears==2", true)]
    [InlineData("gears>3", false)]
    public void Lists_match_when_any_element_does(string q, bool expected) => Assert.Equal(expected, Matches(q));

    [Theory]
    [InlineData("frame[size]==56", true)]
    [InlineData("frame[material]==\"steel\"", true)]
    [InlineData("frame[wheels][0][inch]==28", true)]
    [InlineData("frame[wheels][1][inch]==28", false)]
    [InlineData("frame[missing]==1", false)]
    [InlineData("frame[size][deeper]==1", false)]
    public void Bracket_paths_reach_into_structured_values(string q, bool expected) => Assert.Equal(expected, Matches(q));

    [Theory]
    [InlineData("speed.accuracy<0.5", true)]
    [InlineData("speed.accuracy>0.5", false)]
    [InlineData("speed.observedAt==2026-05-01T10:00:00Z", true)]
    [InlineData("speed.observedAt>2026-06-01T00:00:00Z", false)]
    [InlineData("speed.accuracy", true)]
    [InlineData("speed.precision", false)]
    public void Dotted_paths_reach_sub_attributes_and_metadata(string q, bool expected) => Assert.Equal(expected, Matches(q));

    [Theory]
    [InlineData("lastService==2026-03-15T00:00:00Z", true)]
    [InlineData("lastService==2026-03-15T01:00:00+01:00", true)]
    [InlineData("lastService<2026-04-01T00:00:00Z", true)]
    [InlineData("lastService>2026-04-01T00:00:00Z", false)]
    public void DateTimes_compare_as_instants_across_time_zones(string q, bool expected) => Assert.Equal(expected, Matches(q));

    [Theory]
    [InlineData("available==true", true)]
    [InlineData("available==false", false)]
    [InlineData("available>0", false)]
    public void Booleans_equal_only_booleans(string q, bool expected) => Assert.Equal(expected, Matches(q));

    [Theory]
    [InlineData("station==\"urn:ngsi-ld:Station:luisenplatz\"", true)]
    [InlineData("station==urn:ngsi-ld:Station:luisenplatz", true)]
    [InlineData("route==\"urn:ngsi-ld:Stop:2\"", true)]
    [InlineData("route==\"urn:ngsi-ld:Stop:3\"", false)]
    public void Relationships_compare_their_targets(string q, bool expected) => Assert.Equal(expected, Matches(q));

    [Theory]
    [InlineData("label==\"bicycle\"", true)]
    [InlineData("label[de]==\"Fahrrad\"", true)]
    [InlineData("label[de]==\"bicycle\"", false)]
    [InlineData("category==\"cityBike\"", true)]
    public void Language_and_vocabulary_values_are_compared(string q, bool expected) => Assert.Equal(expected, Matches(q));

    [Theory]
    [InlineData("speed>25;available==true", true)]
    [InlineData("speed>25;available==false", false)]
    [InlineData("speed>100|available==true", true)]
    [InlineData("(speed>100|name==\"x\");available==true", false)]
    [InlineData("missing|name", true)]
    [InlineData("missing;name", false)]
    public void Boolean_structure_is_respected(string q, bool expected) => Assert.Equal(expected, Matches(q));

    [Theory]
    [InlineData("missing==1")]
    [InlineData("missing!=1")]
    [InlineData("missing~=\".*\"")]
    [InlineData("missing")]
    public void Absent_attribute_never_matches(string q) => Assert.False(Matches(q));
}
