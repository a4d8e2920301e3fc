namespace MleDojo.Agents;

/// <summary>A model's price, per million tokens, in whatever currency the caller reports in.</summary>
/// <param name="InputPerMillion">The price of a million input (prompt) tokens.</param>
/// <param name="OutputPerMillion">The price of a million output (completion) tokens.</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion)
{
    /// <summary>The cost of <paramref name="inputTokens"/> in and <paramref name="outputTokens"/> out.</summary>
    public decimal CostOf(long inputTokens, long outputTokens) =>
        ((inputTokens * InputPerMillion) + (outputTokens * OutputPerMillion)) / 1_000_000m;
}
