using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Store.Contract;

/// <summary>Finding entities by text values inside a write transaction (the watch asks whether an alarm is open already).</summary>
public abstract class TextLookupContract<TBackend>(TBackend backend) : StoreContract<TBackend>(backend) where TBackend : StoreBackend, new()
{
    private const string Status = Vocab + "status";
    private const string Source = Vocab + "source";

    private static JsonObject Alarm(string id, string status, string source)
    {
        var entity = StoreScope.Stored(id, "Alert");
        entity[Status] = new JsonArray(new JsonObject { ["type"] = "Property", ["value"] = status });
        entity[Source] = new JsonArray(new JsonObject { ["type"] = "Property", ["value"] = source });
        return entity;
    }

    [SkippableFact]
    public async Task Entities_are_found_by_all_of_their_text_values_as_the_transaction_sees_them()
    {
        var store = await OpenAsync();

        var written = await store.WriteAsync(Tenant, tx =>
        {
            tx.Insert(Alarm("urn:ngsi-ld:Alert:1", "raised", "urn:ngsi-ld:Meter:a"));
            tx.Insert(Alarm("urn:ngsi-ld:Alert:2", "cleared", "urn:ngsi-ld:Meter:a"));
            tx.Insert(Alarm("urn:ngsi-ld:Alert:3", "raised", "urn:ngsi-ld:Meter:b"));
            return tx.FindByText([(Status, "raised"), (Source, "urn:ngsi-ld:Meter:a")], 10);
        }, None);
        var replaced = await store.WriteAsync(Tenant, tx =>
        {
            tx.Replace(Alarm("urn:ngsi-ld:Alert:1", "cleared", "urn:ngsi-ld:Meter:a"));
            return tx.FindByText([(Status, "raised"), (Source, "urn:ngsi-ld:Meter:a")], 10);
        }, None);
        var raised = await store.WriteAsync(Tenant, tx => tx.FindByText([(Status, "raised")], 10), None);
        var limited = await store.WriteAsync(Tenant, tx => tx.FindByText([(Source, "urn:ngsi-ld:Meter:a")], 1), None);
        var otherTenant = await store.WriteAsync(Tenant + "-other", tx => tx.FindByText([(Status, "raised")], 10), None);

        Assert.Equal(["urn:ngsi-ld:Alert:1"], written);
        Assert.Empty(replaced);
        Assert.Equal(["urn:ngsi-ld:Alert:3"], raised);
        Assert.Single(limited);
        Assert.Empty(otherTenant);
    }
}
