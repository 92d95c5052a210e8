using System.Text.Json.Nodes;

namespace Stadtkern.Anonymisation;

/// <summary>
/// Laplace noise on published counts (ε-differential privacy for counting queries, sensitivity 1): each count gets
/// noise of scale 1/ε, rounded and kept at zero or above. Every noisy release spends ε of the dataset's budget; a run
/// whose ε exceeds what is left is refused.
/// </summary>
public sealed class NoiseRule(double epsilon, string column) : AnonymisationRule
{
    public override string Name => "noise";

    public override Table Apply(Table input, AnonymisationContext context, PrivacyReport report)
    {
        if (epsilon > context.BudgetLeft)
            throw new AnonymisationException(FormattableString.Invariant($"The privacy budget left ({context.BudgetLeft}) is smaller than this release's ε = {epsilon}."));
        var index = input.IndexOf(column);
        foreach (var row in input.Rows)
            if (row[index] is long or int or double)
                row[index] = Math.Max(0, (long)Math.Round(Convert.ToDouble(row[index], System.Globalization.CultureInfo.InvariantCulture) + Laplace(context.Random, 1 / epsilon)));
        report.EpsilonSpent += epsilon;
        report.Step(Name, new JsonObject { ["column"] = column, ["epsilon"] = epsilon, ["scale"] = 1 / epsilon });
        return input;
    }

    /// <summary>A draw from Laplace(0, b) by inverting its distribution function.</summary>
    public static double Laplace(Random random, double scale)
    {
        double u;
        do u = random.NextDouble() - 0.5;
        while (u == -0.5);
        return -scale * Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u));
    }
}
