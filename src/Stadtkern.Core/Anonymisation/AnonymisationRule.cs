namespace Stadtkern.Anonymisation;

/// <summary>One step of a profile: it transforms the table, reports what it did, and checks that its guarantee holds on its own output.</summary>
public abstract class AnonymisationRule
{
    public abstract string Name { get; }

    public abstract Table Apply(Table input, AnonymisationContext context, PrivacyReport report);
}
