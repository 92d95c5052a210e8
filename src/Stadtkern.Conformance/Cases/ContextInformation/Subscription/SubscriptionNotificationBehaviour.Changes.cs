using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.NotificationKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Subscription;

/// <summary>046_31 to 046_43: showChanges (previous values) and the pick and omit of notified entity members.</summary>
/// <remarks>The suite gives these entities fixed ids (<c>…:Building:046_31</c>); the expectations ignore ids, so we keep ours random.</remarks>
public static partial class SubscriptionNotificationBehaviour
{
    private const string ShowChanges = "subscription-building-entities-show-changes.jsonld";
    private const string ShowChangesDeleted = "subscription-building-entities-show-changes-attributeDeleted.jsonld";
    private const string ShowChangesEntityDeleted = "subscription-building-entities-show-changes-entityDeleted.jsonld";

    private static IEnumerable<ConformanceCase> Changes()
    {
        foreach (var (id, title, entity, fragment, expectation) in new[]
        {
            ("046_31_01", "showChanges gives the previous value of a Property", DifferentTypes, "name-fragment.jsonld", "entity-different-attributes-types-previous-property.json"),
            ("046_31_02", "showChanges gives the previous object of a Relationship", DifferentTypes, "locatedAt-fragment.jsonld", "entity-different-attributes-types-previous-relationship.json"),
            ("046_31_03", "showChanges gives the previous value of a GeoProperty", DifferentTypes, "location-fragment.jsonld", "entity-different-attributes-types-previous-geoproperty.json"),
            ("046_31_04", "showChanges gives the previous languageMap of a LanguageProperty", DifferentTypes, "street-language-property-fragment.jsonld",
                "entity-different-attributes-types-previous-language-property.json"),
            ("046_32_01", "showChanges gives the previous value of a JsonProperty", "building-json-property-object.jsonld", "json-property-fragment.jsonld", "building-previous-json-property.json"),
            ("046_33_01", "showChanges gives the previous value of a VocabProperty", "building-vocab-property-string.jsonld", "vocab-property-fragment.jsonld", "building-previous-vocab-property.json"),
            ("046_42_01", "pick keeps only the picked entity members", DifferentTypes, "name-fragment.jsonld", "pick-omit/entity-different-attributes-types-pick-members.json"),
            ("046_43_01", "omit leaves out the omitted entity members", DifferentTypes, "name-fragment.jsonld", "pick-omit/entity-different-attributes-types-omit-members.json"),
        })
        {
            var subscription = id switch
            {
                "046_42_01" => "subscription-building-entities-pick-members.jsonld",
                "046_43_01" => "subscription-building-entities-omit-members.jsonld",
                _ => ShowChanges,
            };
            yield return Watching(id, title, subscription, entity, selectEntity: false)
                .Then(UpdateAttributes(fragment), Expect.Status(204))
                .Then(Notified.Await(), Notified.AtLeast(1), Notified.Value(0, "$.subscriptionId", "\"{sub}\""), EntitiesAs(expectation));
        }

        foreach (var (id, title, entity, attribute, expectation) in new[]
        {
            ("046_34_01", "showChanges gives the deleted Property's previous value", DifferentTypes, "name", "entity-different-attributes-types-deleted-property.json"),
            ("046_34_02", "showChanges gives the deleted Relationship's previous object", DifferentTypes, "locatedAt", "entity-different-attributes-types-deleted-relationship.json"),
            ("046_34_03", "showChanges gives the deleted GeoProperty's previous value", DifferentTypes, "location", "entity-different-attributes-types-deleted-geoproperty.json"),
            ("046_34_04", "showChanges gives the deleted LanguageProperty's previous languageMap", DifferentTypes, "street", "entity-different-attributes-types-deleted-language-property.json"),
            ("046_35_01", "showChanges gives the deleted JsonProperty's previous value", "building-json-property-object.jsonld", "jsonProperty", "building-deleted-json-property.json"),
            ("046_36_01", "showChanges gives the deleted VocabProperty's previous value", "building-vocab-property-string.jsonld", "vocabProperty", "building-deleted-vocab-property.json"),
        })
        {
            yield return Watching(id, title, ShowChangesDeleted, entity, selectEntity: false)
                .Then(DeleteAttribute(attribute, "?deleteAll=false"), Expect.Status(204))
                .Then(Notified.Await(), Notified.AtLeast(1), Notified.Value(0, "$.subscriptionId", "\"{sub}\""), EntitiesAs(expectation));
        }

        foreach (var (id, entity, expectation) in new[]
        {
            ("046_37_01", DifferentTypes, "entity-different-attributes-types-deleted-entity.json"),
            ("046_38_01", "building-json-property-object.jsonld", "building-deleted-json-property-deleted-entity.json"),
            ("046_39_01", "building-vocab-property-string.jsonld", "building-deleted-vocab-property-deleted-entity.json"),
        })
        {
            yield return Watching(id, "showChanges gives the previous values of a deleted entity", ShowChangesEntityDeleted, entity, selectEntity: false)
                .Then(Provision.EntityProvisionKit.DeleteEntity("entity"), Expect.Status(204))
                .Then(Notified.Await(), Notified.AtLeast(1), Notified.Value(0, "$.subscriptionId", "\"{sub}\""), EntitiesAs(expectation));
        }

        yield return Subscribed("046_40_01", "A created entity has no previous values", "subscription-building-entities-show-changes-entity-created.jsonld")
            .Then(EntityCreation(SimpleBuilding), Expect.Status(201))
            .Then(Notified.Await(), Notified.AtLeast(1), NoPreviousValue());

        yield return Watching("046_41_01", "A created attribute has no previous value", "subscription-building-entities-show-changes-attribute-created.jsonld",
                "building-minimal.jsonld", selectEntity: false)
            .Then(UpdateAttributes("name-fragment.jsonld"), Expect.Status(204))
            .Then(Notified.Await(), Notified.AtLeast(1), NoPreviousValue());
    }
}
