using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Model;

namespace Stadtkern.Store;

/// <summary>How stores encode the instants, numbers and instance ids of temporal rows (the same in every backend).</summary>
public static class TemporalTime
{
    public const string InstancePrefix = "urn:ngsi-ld:attribute-instance:";

    public static long Micros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset Instant(long micros) => new(DateTimeOffset.UnixEpoch.UtcTicks + micros * 10, TimeSpan.Zero);

    public static long? Observed(JsonObject instance) =>
        instance[Members.ObservedAt] is JsonValue v && v.GetValueKind() == JsonValueKind.String
        && Validation.TryParseDateTime(v.GetValue<string>(), out var at) ? Micros(at) : null;

    /// <summary>The numeric value of an instance, whether it was parsed from JSON or built in code (an int, a long, ...).</summary>
    public static double? Number(JsonObject instance)
    {
        return instance[Members.Value] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? Validation.NumberOf(v) : null;
    }

    public static string InstanceId(long iid) => InstancePrefix + iid.ToString(CultureInfo.InvariantCulture);

    public static long? InstanceRow(string instanceId) =>
        instanceId.StartsWith(InstancePrefix, StringComparison.Ordinal)
        && long.TryParse(instanceId.AsSpan(InstancePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var iid) ? iid : null;
}
