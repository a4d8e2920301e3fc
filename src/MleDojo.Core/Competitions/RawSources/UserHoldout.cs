using System.Globalization;
using System.Text;

namespace MleDojo.Core.Competitions.RawSources;

/// <summary>
/// Turns a ratings table (one row per user, item, time and optional rating) into a recommendation table with one
/// row per user: the user's earlier ratings as <c>history</c> and the items of the user's latest ratings, the last
/// <c>holdout_fraction</c> of them in time order, as the target <c>next_items</c>. Ratings within the same time
/// value have no known order, so they are ordered by a hash of user and item (not by item id, which in most
/// catalogues follows the item's age and would put newer items in the holdout). The user's own id is not kept.
/// </summary>
internal sealed class UserHoldout
{
    /// <summary>The columns of the table this produces.</summary>
    public static readonly string[] Header = ["history", "history_first_time", "history_last_time", "next_items"];

    /// <summary>The reader options this step takes.</summary>
    public static readonly IReadOnlyList<string> Options = ["user_column", "item_column", "time_column", "rating_column", "holdout_fraction"];

    private readonly string _specPath;
    private readonly string _user;
    private readonly string _item;
    private readonly string _time;
    private readonly string? _rating;
    private readonly double _fraction;

    private UserHoldout(string specPath, string user, string item, string time, string? rating, double fraction)
    {
        (_specPath, _user, _item, _time, _rating, _fraction) = (specPath, user, item, time, rating, fraction);
    }

    /// <summary>The step the options ask for, or null when they name none of its options.</summary>
    /// <exception cref="CompetitionSpecException">Some options are given but a required one is missing, or the fraction is not in (0, 1).</exception>
    public static UserHoldout? FromOptions(string specPath, IReadOnlyDictionary<string, string> options)
    {
        if (!Options.Any(options.ContainsKey))
        {
            return null;
        }

        var missing = Options.Take(3).Where(o => !options.ContainsKey(o)).ToList();
        if (missing.Count > 0)
        {
            throw new CompetitionSpecException(specPath, [$"data.source.options: a per-user holdout needs user_column, item_column and time_column (missing {string.Join(", ", missing)})"]);
        }

        var fraction = 0.2;
        if (options.TryGetValue("holdout_fraction", out var text)
            && (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out fraction) || fraction is <= 0 or >= 1))
        {
            throw new CompetitionSpecException(specPath, [$"data.source.options.holdout_fraction: '{text}' must be a number between 0 and 1 (exclusive)"]);
        }

        return new UserHoldout(specPath, options["user_column"], options["item_column"], options["time_column"], options.GetValueOrDefault("rating_column"), fraction);
    }

    /// <summary>Builds the per-user table; users with fewer than two ratings are left out (nothing to hold out).</summary>
    /// <exception cref="CompetitionSpecException">A named column is not in the table.</exception>
    /// <exception cref="InvalidDataException">A time is not a number, or an item or rating cannot be written as a token.</exception>
    public RawData Apply(RawData ratings)
    {
        var user = Column(ratings.Header, _user);
        var item = Column(ratings.Header, _item);
        var time = Column(ratings.Header, _time);
        var rating = _rating is null ? -1 : Column(ratings.Header, _rating);
        var users = new Dictionary<string, List<(double Time, ulong Tie, int Index)>>(StringComparer.Ordinal);
        for (var i = 0; i < ratings.Rows.Count; i++)
        {
            var row = ratings.Rows[i];
            if (!double.TryParse(row[time], NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || !double.IsFinite(t))
            {
                throw new InvalidDataException($"{_time} of row {i + 1} is '{row[time]}', not a number");
            }

            Token(row[item], _item, i, allowColon: false);
            if (rating >= 0)
            {
                Token(row[rating], _rating!, i, allowColon: true);
            }

            if (!users.TryGetValue(row[user], out var list))
            {
                users[row[user]] = list = [];
            }

            list.Add((t, Fnv1a(row[user] + "\0" + row[item]), i));
        }

        var rows = new List<string[]>(users.Count);
        foreach (var list in users.Values.Where(l => l.Count >= 2))
        {
            list.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Tie != b.Tie ? a.Tie.CompareTo(b.Tie) : a.Index.CompareTo(b.Index));
            var held = Math.Clamp((int)Math.Floor(list.Count * _fraction + 0.5), 1, list.Count - 1);
            var history = list.Take(list.Count - held).Select(r => ratings.Rows[r.Index]).ToList();
            rows.Add([
                string.Join(' ', history.Select(r => rating >= 0 ? $"{r[item]}:{r[rating]}" : r[item])),
                history[0][time],
                history[^1][time],
                string.Join(' ', list.Skip(list.Count - held).Select(r => ratings.Rows[r.Index][item])),
            ]);
        }

        return new RawData([.. Header], rows);
    }

    private int Column(string[] header, string name)
    {
        var index = Array.IndexOf(header, name);
        return index >= 0 ? index : throw new CompetitionSpecException(_specPath, [$"data.source.options: column '{name}' is not in the table (columns: {string.Join(", ", header)})"]);
    }

    // Items and ratings become space-separated tokens (item:rating), so they must not contain a separator.
    private static void Token(string value, string column, int row, bool allowColon)
    {
        if (value.Length == 0 || value.Any(char.IsWhiteSpace) || (!allowColon && value.Contains(':', StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"{column} of row {row + 1} is '{value}': an item or rating must be non-empty, without spaces{(allowColon ? "" : " or ':'")}");
        }
    }

    // FNV-1a over UTF-8: the same order on every platform and runtime (string.GetHashCode is randomised per process).
    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
