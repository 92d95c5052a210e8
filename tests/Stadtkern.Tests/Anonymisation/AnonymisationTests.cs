using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Stadtkern.Anonymisation;
using Stadtkern.Errors;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Anonymisation;

/// <summary>The anonymisation rules and their guarantees, on data built to break them: rare values, unique combinations, totals that would give a hidden cell away.</summary>
public sealed class AnonymisationTests
{
    private static readonly PseudonymKey Key1 = new(1, Encoding.UTF8.GetBytes("tenant secret, version 1, 32 bytes!"));
    private static AnonymisationContext Context(double budget = double.PositiveInfinity) => new(Key1, new Random(42), budget);

    private static AnonymisationProfile Profile(string rules) => AnonymisationProfile.Read(TestData.Parse($$"""{"id":"p","rules":{{rules}}}"""));

    private static Table Table(string[] columns, params object?[][] rows) => new(columns, [.. rows]);

    [Fact]
    public void Pseudonyms_are_keyed_stable_within_a_key_version_and_change_with_rotation()
    {
        var data = Table(["plate", "speed"], ["KA-XY 123", 50.0], ["KA-XY 123", 70.0], ["HD-AB 9", 30.0]);
        var profile = Profile("""[{"rule":"pseudonymise","columns":["plate"]}]""");

        var (first, report) = profile.Apply(data, Context());
        var (rotated, _) = profile.Apply(data, new AnonymisationContext(new PseudonymKey(2, Encoding.UTF8.GetBytes("a new secret after rotation")), new Random(1)));

        Assert.Equal(first.Rows[0][0], first.Rows[1][0]);
        Assert.NotEqual(first.Rows[0][0], first.Rows[2][0]);
        Assert.NotEqual(first.Rows[0][0], rotated.Rows[0][0]);
        var plainHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("KA-XY 123")));
        Assert.False(plainHash.StartsWith((string)first.Rows[0][0]!, StringComparison.Ordinal), "A pseudonym must not be a plain hash.");
        Assert.Equal("KA-XY 123", data.Rows[0][0]);
        Assert.Equal(1, report.ToJson()["steps"]![0]!["keyVersion"]!.GetValue<int>());
        Assert.Throws<AnonymisationException>(() => profile.Apply(data, new AnonymisationContext(null, new Random(1))));
    }

    [Fact]
    public void Coordinates_are_projected_to_the_census_grid_as_EPSG_3035_defines()
    {
        // EPSG Guidance Note 7-2, example for ETRS89-LAEA: 50°N 5°E.
        var (easting, northing) = Laea.Forward(new GeoPoint(5, 50));
        Assert.Equal(3962799.45, easting, 0.01);
        Assert.Equal(2999718.85, northing, 0.01);
        var back = Laea.Inverse(easting, northing);
        Assert.Equal(5, back.Longitude, 1e-7);
        Assert.Equal(50, back.Latitude, 1e-7);

        var (id, centre) = Laea.Cell(new GeoPoint(8.6512, 49.8728), 1000);
        Assert.Matches("^CRS3035RES1000mN[0-9]+000E[0-9]+000$", id);
        var (e, n) = Laea.Forward(centre);
        Assert.Equal(500, e % 1000, 1e-3);
        Assert.Equal(500, n % 1000, 1e-3);
    }

    [Fact]
    public void Coarsening_puts_nearby_points_on_one_cell_centre_and_generalising_time_truncates()
    {
        var at = new DateTimeOffset(2026, 3, 1, 10, 47, 13, TimeSpan.FromHours(1));
        var data = Table(["location", "observedAt"], [new GeoPoint(8.65120, 49.87280), at], [new GeoPoint(8.65125, 49.87283), at.AddMinutes(5)]);

        var (output, _) = Profile("""[{"rule":"coarsenLocation","column":"location","grid":"100m"},{"rule":"generaliseTime","column":"observedAt","to":"hour"}]""")
            .Apply(data, Context());

        Assert.Equal(["location", "observedAt", "locationCell"], output.Columns);
        Assert.Equal(output.Rows[0][0], output.Rows[1][0]);
        Assert.Equal(output.Rows[0][2], output.Rows[1][2]);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), output.Rows[0][1]);
        Assert.Equal(output.Rows[0][1], output.Rows[1][1]);
    }

    [Fact]
    public void K_anonymity_generalises_a_unique_combination_into_a_group_or_suppresses_it()
    {
        var rows = new List<object?[]>();
        for (var i = 0; i < 40; i++) rows.Add([30.0 + i % 4, "Mitte", "asthma"]);
        rows.Add([97.0, "Mitte", "asthma"]);          // the only person of 97: unique by age
        rows.Add([31.0, "Waldrand", "asthma"]);       // the only person in Waldrand
        var data = new Table(["age", "district", "diagnosis"], rows);

        var (output, report) = Profile("""[{"rule":"kAnonymity","k":5,"quasiIdentifiers":["age","district"],"maxSuppression":0.05}]""").Apply(data, Context());

        var groups = output.Rows.GroupBy(r => (Convert.ToString(r[0], System.Globalization.CultureInfo.InvariantCulture), r[1])).Select(g => g.Count()).ToList();
        Assert.All(groups, size => Assert.True(size >= 5, $"a group of {size}"));
        Assert.DoesNotContain(output.Rows, r => r[0] is 97.0 || r[1] is "Waldrand" && r[0] is double);
        Assert.True(report.KReached >= 5);
        Assert.Equal(42 - output.Rows.Count, report.RowsSuppressed);
        Assert.True(report.RowsSuppressed <= 2);
    }

    [Fact]
    public void K_anonymity_that_would_need_too_much_suppression_is_refused()
    {
        var data = Table(["district"], ["A"], ["B"], ["C"], ["D"]);

        var refused = Assert.Throws<AnonymisationException>(() =>
            Profile("""[{"rule":"kAnonymity","k":5,"quasiIdentifiers":["district"],"maxSuppression":0}]""").Apply(data, Context()));
        Assert.Contains("k = 5", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_small_cell_is_hidden_together_with_enough_others_that_no_total_gives_it_away()
    {
        // District × hour: the night hour in Nord has a single record; its row and column totals are published.
        var rows = new List<object?[]>();
        void Add(string district, string hour, int count)
        {
            for (var i = 0; i < count; i++) rows.Add([district, hour]);
        }
        Add("Nord", "08", 12);
        Add("Nord", "02", 1);
        Add("Süd", "08", 9);
        Add("Süd", "02", 7);
        Add("Ost", "08", 4);
        Add("Ost", "02", 3);

        var (output, report) = Profile("""[{"rule":"aggregate","dimensions":["district","hour"],"minCellSize":3}]""").Apply(new Table(["district", "hour"], rows), Context());

        Assert.Equal(1, report.CellsSuppressedPrimary);
        Assert.True(report.CellsSuppressedSecondary >= 3, $"secondary {report.CellsSuppressedSecondary}");
        Attacker.AssertNothingRecoverable(output, minCellSize: 3);
        Assert.Contains(output.Rows, r => r[0] is "*" && r[1] is "*" && r[2] is 36L);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void On_random_tables_full_of_small_cells_no_suppressed_count_can_be_recomputed(int seed)
    {
        var random = new Random(seed);
        var rows = new List<object?[]>();
        for (var i = 0; i < 300; i++) rows.Add([$"d{random.Next(6)}", $"h{(int)Math.Sqrt(random.Next(64))}", random.Next(3) == 0 ? "bus" : "car"]);

        var (output, report) = Profile("""[{"rule":"aggregate","dimensions":["district","hour","mode"],"minCellSize":5}]""")
            .Apply(new Table(["district", "hour", "mode"], rows), Context());

        Assert.True(report.CellsSuppressedPrimary > 0);
        Attacker.AssertNothingRecoverable(output, minCellSize: 5);
    }

    [Fact]
    public void Noise_spends_the_privacy_budget_and_a_release_beyond_it_is_refused()
    {
        var rows = Enumerable.Range(0, 50).Select(i => new object?[] { i % 2 == 0 ? "A" : "B" }).ToList();
        var profile = Profile("""[{"rule":"aggregate","dimensions":["district"],"minCellSize":3},{"rule":"noise","epsilon":0.5}]""");

        var (output, report) = profile.Apply(new Table(["district"], rows), Context(budget: 1));

        Assert.Equal(0.5, report.EpsilonSpent);
        Assert.All(output.Rows, r => Assert.True(r[1] is long n && n >= 0));
        var refused = Assert.Throws<AnonymisationException>(() => profile.Apply(new Table(["district"], rows), Context(budget: 0.4)));
        Assert.Contains("budget", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_names_every_rule_in_order()
    {
        var data = Table(["plate", "location", "observedAt"], ["X", new GeoPoint(8.6, 49.8), DateTimeOffset.UnixEpoch]);

        var (_, report) = Profile("""
            [{"rule":"pseudonymise","columns":["plate"]},{"rule":"coarsenLocation","column":"location","grid":"1km"},{"rule":"drop","columns":["plate"]}]
            """).Apply(data, Context());

        var json = report.ToJson();
        Assert.Equal(["pseudonymise", "coarsenLocation", "drop"], json["steps"]!.AsArray().Select(s => s!["rule"]!.GetValue<string>()));
        Assert.Equal(1, json["rowsOut"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"rules":[{"rule":"drop","columns":["a"]}]}""")]
    [InlineData("""{"id":"p","rules":[]}""")]
    [InlineData("""{"id":"p","rules":[{"rule":"shuffle"}]}""")]
    [InlineData("""{"id":"p","rules":[{"rule":"drop","columns":[]}]}""")]
    [InlineData("""{"id":"p","rules":[{"rule":"coarsenLocation","grid":"5km"}]}""")]
    [InlineData("""{"id":"p","rules":[{"rule":"generaliseTime","to":"week"}]}""")]
    [InlineData("""{"id":"p","rules":[{"rule":"kAnonymity","k":1,"quasiIdentifiers":["a"]}]}""")]
    [InlineData("""{"id":"p","rules":[{"rule":"noise","epsilon":1}]}""")]
    [InlineData("""{"id":"p","rules":[{"rule":"aggregate","dimensions":["a"]},{"rule":"drop","columns":["a"]}]}""")]
    [InlineData("""{"id":"p","rules":[{"rule":"aggregate","dimensions":["a"]},{"rule":"noise","epsilon":100}]}""")]
    public void A_bad_profile_is_refused_naming_what_is_wrong(string profile)
    {
        var refused = Assert.Throws<NgsiLdException>(() => AnonymisationProfile.Read((JsonObject)JsonNode.Parse(profile)!));
        Assert.Equal(ErrorType.BadRequestData, refused.Type);
    }
}
