namespace Marketplace.Contracts.Reports;

/// <summary>What a report about a listing may hold: the limits the Api validates, the Web's forms state and the schema's columns use.</summary>
public static class ReportRules
{
    public const int ReasonMaxLength = 1000;

    public const int NoteMaxLength = 1000;
}
