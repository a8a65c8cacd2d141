using System.Diagnostics.CodeAnalysis;

namespace Marketplace.Web.Api;

/// <summary>What an Api call gave: the value, or the problem the Api answered instead (a 4xx the page shows).</summary>
public sealed class ApiAnswer<T>
{
    public ApiAnswer(T value) => Value = value;

    public ApiAnswer(ApiProblem problem) => Problem = problem;

    public T? Value { get; }

    public ApiProblem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;
}
