using System.Text.Json.Nodes;
using Stadtkern.Store;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store.Contract;

/// <summary>History: instances recorded with changes, read back by window, order and limits, edited one by one, and pruned by retention.</summary>
public abstract class TemporalStoreContract<TBackend>(TBackend backend) : StoreContract<TBackend>(backend) where TBackend : StoreBackend, new()
{
    private const string Entity = "urn:ngsi-ld:Thing:h";
    private const string Level = "https://example.org/level";
    private const string Mode = "https://example.org/mode";
    private static readonly DateTimeOffset T0 = new(2026, 3, 31, 20, 0, 0, TimeSpan.Zero);

    private static JsonObject Reading(double value, DateTimeOffset observed, string? dataset = null)
    {
        var instance = new JsonObject { ["type"] = "Property", ["value"] = value, ["observedAt"] = observed.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'") };
        if (dataset is not null) instance["datasetId"] = dataset;
        return instance;
    }

    /// <summary>Ten level readings an hour apart (recorded as observed, so across a month's end), two mode texts, and a second dataset.</summary>
    private async Task<IEntityStore> RecordedAsync(bool alone = false)
    {
        var t0 = T0;
        // Retention is global to a store: its tests get a store of their own.
        var store = alone ? await OpenAloneAsync() : await OpenAsync();
        await store.WriteAsync(Tenant, tx =>
        {
            tx.Insert(StoreScope.Stored(Entity));
            // Recorded in time order, as a clock records (the embedded store's retention relies on it).
            tx.AppendHistory(Entity, Mode, Text("eco", t0.AddMinutes(30)), t0);
            tx.AppendHistory(Entity, Mode, Text("boost", t0.AddMinutes(90)), t0);
            tx.AppendHistory(Entity, Level, Reading(100, t0, "urn:ngsi-ld:Dataset:b"), t0);
            for (var i = 0; i < 10; i++) tx.AppendHistory(Entity, Level, Reading(i, t0.AddHours(i)), t0.AddHours(i));
            return true;
        }, None);
        return store;
    }

    private static JsonObject Text(string value, DateTimeOffset observed) =>
        new() { ["type"] = "Property", ["value"] = value, ["observedAt"] = observed.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'") };

    private static async Task<TemporalEntity> ReadAsync(IEntityStore store, TemporalQuery query) =>
        (await ((ITemporalStore)store).QueryTemporalAsync(query, None)).Entities.Single();

    private static List<double> Numbers(TemporalEntity entity, string attribute = Level, string? dataset = null) =>
        entity.Series.Single(s => s.Attribute == attribute && s.DatasetId == dataset).Instances.Select(i => i.Number!.Value).ToList();

    [SkippableFact]
    public async Task Every_series_reads_back_in_time_order_with_its_identity()
    {
        var store = await RecordedAsync();

        var entity = await ReadAsync(store, new TemporalQuery(Tenant) { Ids = [Entity] });

        Assert.Equal(Entity, entity.Id);
        Assert.Equal([Vocab + "Thing"], entity.Types.Select(t => t!.GetValue<string>()));
        Assert.Null(entity.DeletedAt);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (double)i), Numbers(entity));
        Assert.Equal([100.0], Numbers(entity, dataset: "urn:ngsi-ld:Dataset:b"));
        Assert.Equal(["eco", "boost"], entity.Series.Single(s => s.Attribute == Mode).Instances.Select(i => i.Instance!["value"]!.GetValue<string>()));
        var first = entity.Series.First(s => s.Attribute == Level && s.DatasetId is null).Instances[0];
        Assert.Equal(T0, first.At);
        Assert.StartsWith(TemporalTime.InstancePrefix, first.InstanceId, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(2, 5, false, "2 3 4")]
    [InlineData(2, 5, true, "3 4")]
    [InlineData(8, null, false, "8 9")]
    [InlineData(null, 1, false, "0")]
    public async Task A_window_selects_the_instances_inside_it(int? fromHours, int? untilHours, bool exclusive, string expected)
    {
        var store = await RecordedAsync();
        var window = new TimeWindow(TimeProperty.ObservedAt, fromHours is { } f ? T0.AddHours(f) : null, untilHours is { } u ? T0.AddHours(u) : null, exclusive);

        var entity = await ReadAsync(store, new TemporalQuery(Tenant) { Ids = [Entity], Attributes = [Level], Window = window });

        Assert.Equal(expected.Split(' ').Select(double.Parse), Numbers(entity));
    }

    [SkippableFact]
    public async Task LastN_and_the_instance_limit_cut_series_and_say_so()
    {
        var store = await RecordedAsync();

        var last = await ReadAsync(store, new TemporalQuery(Tenant) { Ids = [Entity], Attributes = [Level], LastN = 3 });
        var limited = await ReadAsync(store, new TemporalQuery(Tenant) { Ids = [Entity], Attributes = [Level], InstanceLimit = 4 });

        Assert.Equal([7.0, 8.0, 9.0], Numbers(last));
        Assert.Equal([0.0, 1.0, 2.0, 3.0], Numbers(limited));
        Assert.True(limited.Series.Single(s => s.DatasetId is null).Truncated);
        Assert.False(limited.Series.Single(s => s.DatasetId is not null).Truncated);
    }

    [SkippableFact]
    public async Task Values_only_reads_numbers_and_the_json_of_the_rest()
    {
        var store = await RecordedAsync();

        var entity = await ReadAsync(store, new TemporalQuery(Tenant) { Ids = [Entity], ValuesOnly = true });

        Assert.All(entity.Series.Single(s => s.Attribute == Level && s.DatasetId is null).Instances, i => Assert.Null(i.Instance));
        Assert.All(entity.Series.Single(s => s.Attribute == Mode).Instances, i => Assert.NotNull(i.Instance));
    }

    [SkippableFact]
    public async Task Put_replaces_the_instance_observed_at_the_same_instant_and_appends_otherwise()
    {
        var store = await RecordedAsync();

        await store.WriteAsync(Tenant, tx =>
        {
            tx.PutInstance(Entity, Level, Reading(42, T0.AddHours(3)), T0.AddHours(20));
            tx.PutInstance(Entity, Level, Reading(43, T0.AddHours(30)), T0.AddHours(20));
            return true;
        }, None);

        var entity = await ReadAsync(store, new TemporalQuery(Tenant) { Ids = [Entity], Attributes = [Level] });
        Assert.Equal([0.0, 1, 2, 42, 4, 5, 6, 7, 8, 9, 43], Numbers(entity));
    }

    [SkippableFact]
    public async Task Instances_are_replaced_and_deleted_by_their_id_only_under_their_own_entity_and_attribute()
    {
        var store = await RecordedAsync();
        var entity = await ReadAsync(store, new TemporalQuery(Tenant) { Ids = [Entity], Attributes = [Level] });
        var second = entity.Series.Single(s => s.DatasetId is null).Instances[1].InstanceId;
        var third = entity.Series.Single(s => s.DatasetId is null).Instances[2].InstanceId;

        Assert.False(await store.WriteAsync(Tenant, tx => tx.ReplaceInstance(Entity, Mode, second, Reading(7, T0), T0), None));
        Assert.False(await store.WriteAsync(Tenant, tx => tx.DeleteInstance("urn:ngsi-ld:Thing:other", Level, third), None));
        Assert.False(await store.WriteAsync(Tenant, tx => tx.DeleteInstance(Entity, Level, "urn:ngsi-ld:attribute-instance:nonsense"), None));
        Assert.True(await store.WriteAsync(Tenant, tx => tx.ReplaceInstance(Entity, Level, second, Reading(11, T0.AddHours(1)), T0.AddHours(12)), None));
        Assert.True(await store.WriteAsync(Tenant, tx => tx.DeleteInstance(Entity, Level, third), None));

        entity = await ReadAsync(store, new TemporalQuery(Tenant) { Ids = [Entity], Attributes = [Level] });
        Assert.Equal([0.0, 11, 3, 4, 5, 6, 7, 8, 9], Numbers(entity));
    }

    [SkippableFact]
    public async Task Attributes_and_whole_representations_are_deleted()
    {
        var store = await RecordedAsync();

        Assert.Equal(1, await store.WriteAsync(Tenant, tx => tx.DeleteTemporalAttribute(Entity, Level, "urn:ngsi-ld:Dataset:b", false), None));
        Assert.Equal(2, await store.WriteAsync(Tenant, tx => tx.DeleteTemporalAttribute(Entity, Mode, null, true), None));
        var entity = await ReadAsync(store, new TemporalQuery(Tenant) { Ids = [Entity] });
        Assert.Equal([(Level, (string?)null)], entity.Series.Select(s => (s.Attribute, s.DatasetId)));

        Assert.True(await store.WriteAsync(Tenant, tx => tx.DeleteTemporal(Entity), None));
        Assert.False(await store.WriteAsync(Tenant, tx => tx.DeleteTemporal(Entity), None));
        Assert.Empty((await ((ITemporalStore)store).QueryTemporalAsync(new TemporalQuery(Tenant) { Ids = [Entity] }, None)).Entities);
    }

    [SkippableFact]
    public async Task A_representation_tracked_alone_keeps_its_types_and_scope()
    {
        var store = await OpenAsync();
        await store.WriteAsync(Tenant, tx =>
        {
            tx.TrackTemporal("urn:ngsi-ld:Thing:t", new JsonArray(Vocab + "A", Vocab + "B"), JsonValue.Create("/x"), T0);
            tx.AppendHistory("urn:ngsi-ld:Thing:t", Level, Reading(1, T0), T0);
            tx.TrackTemporal("urn:ngsi-ld:Thing:t", new JsonArray(Vocab + "B"), null, T0.AddHours(1));
            return true;
        }, None);

        Assert.Equal([Vocab + "B"], (await store.WriteAsync(Tenant, tx => tx.TemporalTypes("urn:ngsi-ld:Thing:t"), None))!.Select(t => t!.GetValue<string>()));
        Assert.Null(await store.WriteAsync(Tenant, tx => tx.TemporalTypes("urn:ngsi-ld:Thing:none"), None));
        var entity = await ReadAsync(store, new TemporalQuery(Tenant) { AnyOfTypes = [Vocab + "B"] });
        Assert.Equal("/x", entity.Scope!.GetValue<string>());
        Assert.Equal(T0, entity.CreatedAt);
        Assert.Empty((await ((ITemporalStore)store).QueryTemporalAsync(new TemporalQuery(Tenant) { AnyOfTypes = [Vocab + "A"] }, None)).Entities);
    }

    [SkippableFact]
    public async Task Representations_page_in_creation_order_with_their_count()
    {
        var store = await OpenAsync();
        await store.WriteAsync(Tenant, tx =>
        {
            for (var i = 0; i < 30; i++)
            {
                tx.Insert(StoreScope.Stored($"urn:ngsi-ld:Thing:{i:D2}"));
                tx.AppendHistory($"urn:ngsi-ld:Thing:{i:D2}", Level, Reading(i, T0), T0);
            }
            return true;
        }, None);
        var temporal = (ITemporalStore)store;

        var page = await temporal.QueryTemporalAsync(new TemporalQuery(Tenant) { Offset = 5, Limit = 4, Count = true }, None);
        var odd = await temporal.QueryTemporalAsync(new TemporalQuery(Tenant)
        {
            Filter = e => e.Series.Any(s => s.Instances.Any(i => i.Number % 2 == 1)), Offset = 2, Limit = 3, Count = true,
        }, None);

        Assert.Equal(30, page.Total);
        Assert.Equal(Enumerable.Range(5, 4).Select(i => $"urn:ngsi-ld:Thing:{i:D2}"), page.Entities.Select(e => e.Id));
        Assert.Equal(15, odd.Total);
        Assert.Equal(new[] { 5, 7, 9 }.Select(i => $"urn:ngsi-ld:Thing:{i:D2}"), odd.Entities.Select(e => e.Id));
    }

    [SkippableFact]
    public async Task Retention_prunes_history_recorded_before_the_cut_and_keeps_the_current_state()
    {
        var store = await RecordedAsync(alone: true);

        // The cut falls inside the readings' second month: the first month is emptied (a partition there may go).
        var pruned = await ((IHistoryRetention)store).PruneHistoryAsync(T0.AddHours(5), 10_000, None);

        Assert.Equal(8, pruned);
        var entity = await ReadAsync(store, new TemporalQuery(Tenant) { Ids = [Entity], OrderBy = TimeProperty.CreatedAt });
        Assert.Equal([5.0, 6, 7, 8, 9], Numbers(entity));
        Assert.NotNull(await store.GetAsync(Tenant, Entity, None));
        await store.WriteAsync(Tenant, tx => { tx.AppendHistory(Entity, Level, Reading(-1, T0), T0); return true; }, None);
        Assert.Contains(-1.0, Numbers(await ReadAsync(store, new TemporalQuery(Tenant) { Ids = [Entity] })));
    }

    [SkippableFact]
    public async Task Retention_deletes_at_most_the_limit_a_call()
    {
        var store = await RecordedAsync(alone: true);

        Assert.Equal(3, await ((IHistoryRetention)store).PruneHistoryAsync(T0.AddDays(1), 3, None));
        Assert.Equal(10, await ((IHistoryRetention)store).PruneHistoryAsync(T0.AddDays(1), 100, None));
    }
}
