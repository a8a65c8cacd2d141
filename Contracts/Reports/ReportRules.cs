namespace Marketplace.Contracts.Reports;

/// <summary>What a report about a listing may hold: the limits the Api validates, the Web's forms state and the schema's columns use.</summary>
public static class ReportRules
{
    public const int ReasonMaxLength = 1000;

    public const int NoteMaxLength = 1000;

    /// <summary>The most messages an admin's reading of a reported conversation shows, the latest; a conversation longer than that is rare and the report is about its end.</summary>
    public const int ConversationMessagesShown = 500;
}
