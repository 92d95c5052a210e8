using System.Text.Json.Nodes;
using static Stadtkern.Conformance.Cases.ContextInformation.Provision.EntityProvisionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>Bodies, queries and checks shared by the batch cases, shaped like the suite's batch keywords.</summary>
internal static class EntityBatchKit
{
    /// <summary>"Load Entity": a file below <c>entities/</c> with its top-level id set to <c>{idVariable}</c>.</summary>
    public static Payload Entity(string file, string idVariable) => EntityFile(file, idVariable);

    /// <summary>A JSON array of entities, as the batch keywords send them.</summary>
    public static Payload Array(params Payload[] entities) => Payload.Array(entities);

    /// <summary>An expected entity: a file below <c>entities/</c>, its id set, with a fragment merged in or not.</summary>
    public sealed record Upserted(string File, string IdVariable, string? Fragment = null);

    /// <summary>
    /// The body is the list of these entities under the suite's comparison rules, where each fragment (below
    /// <c>entities/</c>) is merged into its entity at the top level, its members replacing the entity's
    /// (the suite's "Upsert Element In Entity", then "Check Updated Resources Set To").
    /// </summary>
    /// <remarks>A merge of two files is not a payload edit, so the expectation is built here, at run time, from the running case's data.</remarks>
    public static Check BodyOf(params Upserted[] entities) => new Check.Custom(
        "the body is the list " + string.Join(", ", entities.Select(e => e.File + (e.Fragment is null ? "" : " + " + e.Fragment) + $" as {{{e.IdVariable}}}")),
        (body, _) =>
        {
            if (CaseContext.Current is not { } context)
            {
                return "no running case to load the suite data from";
            }

            var expected = new JsonArray();
            foreach (var item in entities)
            {
                if (context.BuildJson(EntityFile(item.File, item.IdVariable)) is not JsonObject entity)
                {
                    return $"entities/{item.File} is not a JSON object";
                }

                if (item.Fragment is not null)
                {
                    if (context.LoadJson("entities/" + item.Fragment) is not JsonObject fragment)
                    {
                        return $"entities/{item.Fragment} is not a JSON object";
                    }

                    foreach (var (name, value) in fragment.ToList())
                    {
                        entity[name] = value?.DeepClone();
                    }
                }

                expected.Add(entity);
            }

            var differences = JsonComparer.Compare(expected, body);
            return differences.Count == 0 ? null : string.Join("\n  ", differences.Take(15));
        });

    /// <summary>"Query Entities" for these ids and type Building, with the suite context and Accept application/ld+json.</summary>
    public static Request QueryBuildings(params string[] idVariables) =>
        Http.Get("entities?id=" + string.Join(",", idVariables.Select(v => $"{{{v}}}")) + "&type=Building")
            .WithSuiteContext()
            .Accept(MediaTypes.LdJson);

    /// <summary>The body is a JSON array of exactly these ids, in any order ("Check Response Body Containing Array Of URIs set to").</summary>
    public static Check UriArray(params string[] idVariables) => new Check.Custom(
        $"the body is the id array [{string.Join(", ", idVariables.Select(v => $"{{{v}}}"))}]",
        (body, variables) =>
        {
            if (body is not JsonArray array)
            {
                return "the body is not a JSON array";
            }

            var expected = idVariables.Select(v => variables[v]).Order(StringComparer.Ordinal);
            var actual = array.Select(n => n?.ToString() ?? "null").Order(StringComparer.Ordinal).ToList();
            return expected.SequenceEqual(actual) ? null : $"the body holds [{string.Join(", ", actual)}]";
        });
}
