using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Store;

namespace Stadtkern.Tests.Store.Contract;

/// <summary>The small registries: hosted @contexts, MQTT mapping rules and watch rules.</summary>
public abstract class RegistryStoreContract<TBackend>(TBackend backend) : StoreContract<TBackend>(backend) where TBackend : StoreBackend, new()
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Hosted_contexts_are_added_read_listed_and_deleted()
    {
        var registry = (IContextRegistry)await OpenAsync();
        var id = Guid.NewGuid().ToString("N");
        var context = new HostedContext(id, $"http://127.0.0.1/{id}", new JsonObject { ["@context"] = new JsonObject { ["a"] = "http://a/" } }, At,
            ContextKind.ImplicitlyCreated);

        await registry.AddAsync(context, None);

        var read = await registry.GetAsync(id, None);
        Assert.Equal((context.Url, context.CreatedAt, context.Kind), (read!.Url, read.CreatedAt, read.Kind));
        Assert.True(JsonNode.DeepEquals(context.Document, read.Document));
        Assert.Contains(await registry.ListAsync(None), c => c.Id == id);
        Assert.True(await registry.DeleteAsync(id, None));
        Assert.False(await registry.DeleteAsync(id, None));
        Assert.Null(await registry.GetAsync(id, None));
    }

    [SkippableFact]
    public async Task Mapping_rules_are_created_once_listed_in_order_replaced_and_deleted()
    {
        var rules = (IMappingRuleStore)await OpenAsync();
        var ids = Enumerable.Range(0, 3).Select(i => $"rule-{Guid.NewGuid():N}").ToList();
        foreach (var id in ids) await rules.CreateMappingRuleAsync(new StoredMappingRule(id, new JsonObject { ["topic"] = id }, At, At), None);

        var duplicate = await Assert.ThrowsAsync<NgsiLdException>(() => rules.CreateMappingRuleAsync(new StoredMappingRule(ids[1], new JsonObject(), At, At), None));
        Assert.Equal(ErrorType.AlreadyExists, duplicate.Type);
        Assert.True(await rules.ReplaceMappingRuleAsync(ids[1], new JsonObject { ["topic"] = "new" }, At.AddDays(1), None));
        Assert.True(await rules.DeleteMappingRuleAsync(ids[0], None));
        Assert.False(await rules.DeleteMappingRuleAsync(ids[0], None));

        var listed = (await rules.ListMappingRulesAsync(None)).Where(r => ids.Contains(r.Id)).ToList();
        Assert.Equal(ids.Skip(1), listed.Select(r => r.Id));
        Assert.Equal("new", listed[0].Document["topic"]!.GetValue<string>());
        Assert.Equal((At, At.AddDays(1)), (listed[0].CreatedAt, listed[0].ModifiedAt));
    }

    [SkippableFact]
    public async Task Watch_rules_are_put_per_tenant_listed_and_deleted()
    {
        var rules = (IWatchRuleStore)await OpenAsync();

        await rules.PutWatchRuleAsync(Tenant, "r1", new JsonObject { ["id"] = "r1", ["v"] = 1 }, At, None);
        await rules.PutWatchRuleAsync(Tenant, "r2", new JsonObject { ["id"] = "r2" }, At.AddSeconds(1), None);
        await rules.PutWatchRuleAsync(Tenant, "r1", new JsonObject { ["id"] = "r1", ["v"] = 2 }, At.AddSeconds(2), None);
        await rules.PutWatchRuleAsync(Tenant + "-b", "r1", new JsonObject { ["id"] = "r1", ["v"] = 3 }, At, None);

        var mine = (await rules.ListWatchRulesAsync(None)).Where(r => r.Tenant == Tenant).ToList();
        Assert.Equal([("r1", 2), ("r2", 0)], mine.Select(r => (r.Document["id"]!.GetValue<string>(), r.Document["v"]?.GetValue<int>() ?? 0)));
        Assert.True(await rules.DeleteWatchRuleAsync(Tenant, "r1", None));
        Assert.False(await rules.DeleteWatchRuleAsync(Tenant, "r1", None));
        Assert.Contains(await rules.ListWatchRulesAsync(None), r => r.Tenant == Tenant + "-b");
    }
}
