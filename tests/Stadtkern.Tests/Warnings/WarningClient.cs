using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Warnings;

/// <summary>The warnings API as a given person (<c>X-Stadtkern-User</c>), and a complete sample warning to vary.</summary>
public sealed class WarningClient(NgsiClient client, string user)
{
    public const string Warnings = "stadtkern/v1/warnings";

    public WarningClient As(string other) => new(client, other);

    public Task<Reply> CreateAsync(JsonNode body) => SendAsync(HttpMethod.Post, Warnings, body);

    public Task<Reply> ReviseAsync(string id, JsonNode body) => SendAsync(HttpMethod.Put, $"{Warnings}/{id}", body);

    public Task<Reply> ApproveAsync(string id) => SendAsync(HttpMethod.Post, $"{Warnings}/{id}/approve", null);

    public Task<Reply> PublishAsync(string id) => SendAsync(HttpMethod.Post, $"{Warnings}/{id}/publish", null);

    /// <summary>Starts an Update or Cancel ("update" or "cancel") of a published warning.</summary>
    public Task<Reply> FollowUpAsync(string id, string kind, JsonNode? body = null) => SendAsync(HttpMethod.Post, $"{Warnings}/{id}/{kind}", body);

    public Task<Reply> FromAlertAsync(string entityId) => SendAsync(HttpMethod.Post, $"{Warnings}/from-alert/{Uri.EscapeDataString(entityId)}", null);

    public Task<Reply> GetAsync(string path) => client.GetAsync(path);

    public Task<Reply> SendAsync(HttpMethod method, string path, JsonNode? body) =>
        client.SendAsync(method, path, body?.ToJsonString(), body is null ? null : NgsiClient.Json, headers: [new("X-Stadtkern-User", user)]);

    /// <summary>Creates a draft and has <paramref name="approver"/> approve and publish it; the published warning's id.</summary>
    public async Task<string> ReleaseAsync(JsonNode body, string approver)
    {
        var created = await CreateAsync(body);
        created.ShouldHaveStatus(201);
        return await ApproveAndPublishAsync(created.Object["id"]!.GetValue<string>(), approver);
    }

    public async Task<string> ApproveAndPublishAsync(string id, string approver)
    {
        (await As(approver).ApproveAsync(id)).ShouldHaveStatus(200);
        (await As(approver).PublishAsync(id)).ShouldHaveStatus(200);
        return id;
    }

    /// <summary>A storm warning for Darmstadt in German and English, with a polygon, a circle, an ARS geocode and a BBK event code.</summary>
    public static JsonObject Storm(DateTimeOffset? expires = null)
    {
        var now = DateTimeOffset.UtcNow;
        var effective = now.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var until = (expires ?? now.AddHours(6)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        JsonObject Info(string language, string headline, string description, string instruction) => new()
        {
            ["language"] = language,
            ["category"] = new JsonArray("Met"),
            ["event"] = language == "de-DE" ? "Sturm" : "Storm",
            ["responseType"] = new JsonArray("Shelter", "Monitor"),
            ["urgency"] = "Immediate",
            ["severity"] = "Severe",
            ["certainty"] = "Observed",
            ["eventCode"] = new JsonArray(new JsonObject { ["valueName"] = "BBK-EVC", ["value"] = "BBK-EVC-040" }),
            ["effective"] = effective,
            ["onset"] = effective,
            ["expires"] = until,
            ["senderName"] = "Stadt Darmstadt, Feuerwehr",
            ["headline"] = headline,
            ["description"] = description,
            ["instruction"] = instruction,
            ["web"] = "https://www.darmstadt.de/warnungen",
            ["contact"] = "Leitstelle +49 6151 0000",
            ["area"] = new JsonArray(new JsonObject
            {
                ["areaDesc"] = "Darmstadt, Innenstadt",
                ["polygon"] = new JsonArray(new JsonArray("49.880,8.640", "49.880,8.670", "49.865,8.670", "49.865,8.640", "49.880,8.640")),
                ["circle"] = new JsonArray(new JsonObject { ["center"] = "49.8728,8.6512", ["radius"] = 1.5 }),
                ["geocode"] = new JsonArray(new JsonObject { ["valueName"] = "ARS", ["value"] = "064110000000" }),
            }),
        };
        return new JsonObject
        {
            ["sender"] = "warnung@darmstadt.example",
            ["status"] = "Actual",
            ["msgType"] = "Alert",
            ["scope"] = "Public",
            ["info"] = new JsonArray(
                Info("de-DE", "Sturmwarnung für die Innenstadt", "Orkanböen bis 120 km/h.", "Bleiben Sie im Haus."),
                Info("en-US", "Storm warning for the city centre", "Gusts up to 120 km/h.", "Stay indoors.")),
        };
    }
}
