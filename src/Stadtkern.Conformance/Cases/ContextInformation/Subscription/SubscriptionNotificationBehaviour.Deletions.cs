using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.NotificationKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Subscription;

/// <summary>046_21, 046_22: notifications of deleted entities and attributes (entityDeleted, attributeDeleted).</summary>
/// <remarks>
/// 046_22_09 to 046_22_11 call "Update Entity Attributes", "Partial Update Entity Attributes" and "Merge Entity"
/// without their content type argument, which Robot refuses before anything is sent; we send what they evidently mean,
/// the fragment as <c>application/ld+json</c>.
/// </remarks>
public static partial class SubscriptionNotificationBehaviour
{
    private const string SpecificNormalized = "subscription-building-entities-attributeDeleted-specific-attribute-normalized.jsonld";
    private const string SpecificKeyValues = "subscription-building-entities-attributeDeleted-specific-attribute-keyValues.jsonld";
    private const string MultiInstances = "building-multi-instances-attributes.jsonld";
    private const string DifferentTypes = "building-different-attributes-types.jsonld";

    private static IEnumerable<ConformanceCase> Deletions()
    {
        foreach (var (id, file, members) in new[]
        {
            ("046_21_01", "subscription-building-entities-entityDeleted.jsonld", 3),
            ("046_21_02", "subscription-building-entities-entityDeleted-sysAttrs.jsonld", 5),
        })
        {
            yield return Watching(id, "A deleted entity is notified with entityDeleted", file, "building-location-attribute.jsonld", selectEntity: false)
                .Then(Provision.EntityProvisionKit.DeleteEntity("entity"), Expect.Status(204))
                .Then(Notified.Await(), Notified.AtLeast(1), Notified.Value(0, "$.subscriptionId", "\"{sub}\""), DataCount(1),
                    Members("$.data[0]", members), Notified.Value(0, "$.data[0].id", "\"{entity}\""), Date("$.data[0].deletedAt"),
                    members == 5 ? Date("$.data[0].createdAt") : Notified.Lacks(0, "$.data[0].createdAt"));
        }

        foreach (var (id, title, file, entity, query, expectation) in new[]
        {
            ("046_22_01", "A deleted attribute is notified in keyValues", "subscription-building-entities-attributeDeleted-keyValues.jsonld", SimpleBuilding, "",
                "entity-deleted-name-attribute-keyValues.json"),
            ("046_22_02", "A deleted watched attribute is notified in keyValues", SpecificKeyValues, SimpleBuilding, "", "entity-deleted-name-attribute-keyValues.json"),
            ("046_22_04", "A deleted watched attribute is notified normalized", SpecificNormalized, SimpleBuilding, "", "entity-deleted-name-attribute-normalized.json"),
            ("046_22_06", "A deleted instance is notified normalized", SpecificNormalized, MultiInstances, "?datasetId=urn:ngsi-ld:Dataset:french-name",
                "entity-deleted-name-attribute-instance-normalized.json"),
            ("046_22_07", "A deleted instance is notified in keyValues", SpecificKeyValues, MultiInstances, "?datasetId=urn:ngsi-ld:Dataset:french-name",
                "entity-deleted-name-attribute-instance-keyValues.json"),
        })
        {
            yield return Watching(id, title, file, entity, selectEntity: false)
                .Then(DeleteAttribute("name", query), Expect.Status(204))
                .Then(Notified.Await(), [Notified.AtLeast(1), .. AboutTheEntity(), .. id == "046_22_01" ? Array.Empty<Check>() : [DataCount(1)], EntityAs(expectation)]);
        }

        yield return Watching("046_22_03", "Deleting an attribute that is not watched notifies nothing", SpecificKeyValues, selectEntity: false)
            .Then(DeleteAttribute("airQualityLevel"), Expect.Status(204))
            .Then(Notified.Quiet(withinSeconds: 10), Notified.Count(0));

        yield return Watching("046_22_05", "A deleted attribute is notified with its deletedAt under sysAttrs",
                "subscription-building-entities-attributeDeleted-specific-attribute-normalized-sysAttrs.jsonld", selectEntity: false)
            .Then(DeleteAttribute("name"), Expect.Status(204))
            .Then(Notified.Await(), [Notified.AtLeast(1), .. AboutTheEntity(), DataCount(1), Date("$.data[0].name.deletedAt")]);

        yield return Watching("046_22_08", "Deleting all instances notifies the attribute as NGSI-LD null", SpecificNormalized, MultiInstances, selectEntity: false)
            .Then(DeleteAttribute("name", "?deleteAll=true"), Expect.Status(204))
            .Then(Notified.Await(), [Notified.AtLeast(1), .. AboutTheEntity(), DataCount(1), Notified.Value(0, "$.data[0].name.value", "\"urn:ngsi-ld:null\"")]);

        foreach (var (id, title, file, expectation) in new[]
        {
            ("046_22_12", "Deleting the entity notifies the watched attribute as deleted", SpecificNormalized, "entity-deleted-name-attribute-on-entity-deleted-normalized.json"),
            ("046_22_13", "Deleting the entity notifies the watched attribute as deleted, with sysAttrs",
                "subscription-building-entities-attributeDeleted-specific-attribute-normalized-sysAttrs.jsonld",
                "entity-deleted-name-attribute-on-entity-deleted-normalized-sysAttrs.json"),
        })
        {
            yield return Watching(id, title, file, selectEntity: false)
                .Then(Provision.EntityProvisionKit.DeleteEntity("entity"), Expect.Status(204))
                .Then(Notified.Await(), [Notified.AtLeast(1), .. AboutTheEntity(), DataCount(1), EntityAs(expectation)]);
        }

        foreach (var (group, file, attribute, merge, update, partial, expectation) in new[]
        {
            ("046_22_09", SpecificNormalized, "name", "building-null-property.jsonld", "null-property.jsonld", "null-property-fragment.jsonld",
                "entity-different-attributes-types-deleted-name-attribute-normalized.json"),
            ("046_22_10", "subscription-building-entities-attributeDeleted-relationship-normalized.jsonld", "locatedAt", "building-null-relationship.jsonld",
                "null-relationship.jsonld", "null-relationship-fragment.jsonld", "entity-different-attributes-types-deleted-locatedAt-attribute-normalized.json"),
            ("046_22_11", "subscription-building-entities-attributeDeleted-languageproperty-normalized.jsonld", "street", "building-null-languageproperty.jsonld",
                "null-languageproperty.jsonld", "null-languageproperty-fragment.jsonld", "entity-different-attributes-types-deleted-street-attribute-normalized.json"),
        })
        {
            foreach (var (suffix, how, change) in new[]
            {
                ("_01", "Merge Entity", MergeEntity("fragmentEntities/ngsild-null/" + merge)),
                ("_02", "Update Attributes", UpdateAttributes("ngsild-null/" + update)),
                ("_03", "Partial Attribute Update", UpdateAttribute(attribute, "ngsild-null/" + partial)),
            })
            {
                yield return Watching(group + suffix, $"{attribute} set to NGSI-LD null by {how} is notified as deleted", file, DifferentTypes, selectEntity: false)
                    .Then(change, Expect.Status(204))
                    .Then(Notified.Await(), [Notified.AtLeast(1), .. AboutTheEntity(), DataCount(1), EntityAs(expectation)]);
            }
        }
    }
}
