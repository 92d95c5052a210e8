namespace Stadtkern.Ingest;

/// <summary>The NGSI-LD topic scheme for devices: <c>ngsi-ld/{tenant}/entities/{entityId}/attrs</c> (<c>default</c> is the default tenant).</summary>
public sealed record MqttTopic(string Tenant, string EntityId)
{
    public const string DefaultTenant = "default";

    public static MqttTopic? Parse(string topic)
    {
        var parts = topic.Split('/');
        if (parts is not ["ngsi-ld", var tenant, "entities", var id, "attrs"] || tenant.Length == 0 || id.Length == 0) return null;
        if (!Model.Validation.IsUri(id)) return null;
        return new MqttTopic(tenant == DefaultTenant ? "" : tenant, id);
    }
}
