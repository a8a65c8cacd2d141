namespace Marketplace.Api.Infrastructure;

/// <summary>
/// The same steps for every list that pages both ways: a page after a position is read forwards, one before it
/// backwards (nearest first) and turned round; fewer than a page before it means the start of the list, read as the
/// first page instead so that it is full.
/// </summary>
public static class KeysetPaging
{
    /// <summary>
    /// Reads the page. <paramref name="read"/> answers up to <paramref name="pageSize"/> + 1 rows in the order it walks
    /// the list: from the cursor when its argument is true, else from the start.
    /// </summary>
    public static async Task<KeysetPage<T>> ReadAsync<T>(Func<bool, Task<List<T>>> read, int pageSize, bool fromCursor, bool before)
    {
        ArgumentNullException.ThrowIfNull(read);
        var rows = await read(fromCursor);
        if (before && rows.Count > pageSize)
        {
            var items = rows.Take(pageSize).ToList();
            items.Reverse();
            return new KeysetPage<T>(items, HasBefore: true, HasAfter: true);
        }

        if (before)
        {
            rows = await read(false);
            fromCursor = false;
        }

        return new KeysetPage<T>(rows.Take(pageSize).ToList(), HasBefore: fromCursor && rows.Count > 0, HasAfter: rows.Count > pageSize);
    }
}
