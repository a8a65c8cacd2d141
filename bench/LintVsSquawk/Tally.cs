namespace Marketplace.Bench.LintVsSquawk;

/// <summary>One linter's score: unsafe migrations caught for the right reason or flagged at all, safe ones flagged.</summary>
internal sealed class Tally(string name)
{
    public string Name { get; } = name;

    public int Caught { get; private set; }

    public int Flagged { get; private set; }

    public int FalseAlarms { get; private set; }

    public int FalseAlarmFindings { get; private set; }

    public void Count(bool isUnsafe, IReadOnlyCollection<string> rules, IReadOnlySet<string> relevant)
    {
        if (isUnsafe)
        {
            Caught += rules.Any(relevant.Contains) ? 1 : 0;
            Flagged += rules.Count > 0 ? 1 : 0;
        }
        else if (rules.Count > 0)
        {
            FalseAlarms++;
            FalseAlarmFindings += rules.Count;
        }
    }
}
