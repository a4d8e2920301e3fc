using MleDojo.Core.Metrics;

namespace MleDojo.Core.Tests.Metrics;

public sealed class TextMetricTests
{
    [Fact]
    public void Levenshtein_ClassicPairs_MatchesTextbookDistance() => ReferenceData.AssertCase("levenshtein/classic_pairs");

    [Fact]
    public void Levenshtein_RandomStrings_MatchesTextbookDistance() => ReferenceData.AssertCase("levenshtein/random_strings");

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("a\U0001F600b", "ab", 1)]
    [InlineData("\U0001F600", "\U0001F601", 1)]
    [InlineData("sunday", "saturday", 3)]
    public void Levenshtein_SinglePair_CountsCodePoints(string a, string b, int expected)
    {
        double score = MetricRegistry.Create("levenshtein").Score(Inputs.Labels([a], [b]));
        Assert.Equal(expected, score);
    }

    [Fact]
    public void Levenshtein_LongStrings_GrowBuffers()
    {
        string a = new('a', 500);
        string b = new string('a', 250) + new string('b', 300);
        double score = MetricRegistry.Create("levenshtein").Score(Inputs.Labels(["ab", a], ["ba", b]));
        Assert.Equal((2 + 300) / 2.0, score);
    }

    [Fact]
    public void Levenshtein_UnitCharacters_EqualsDefault() => ReferenceData.AssertCase("levenshtein/random_strings_unit_characters");

    [Fact]
    public void Levenshtein_TokensPhonemes_MatchesTextbookDistanceOverTokens() => ReferenceData.AssertCase("levenshtein/tokens_phonemes");

    [Fact]
    public void Levenshtein_TokensRandom_MatchesTextbookDistanceOverTokens() => ReferenceData.AssertCase("levenshtein/tokens_random");

    [Theory]
    [InlineData("K AE1 T", "K AE1 T S", 1)]
    [InlineData("K AE1 T", "K AE0 T", 1)]
    [InlineData("TH IH1 NG K", "K N IH1 TH", 4)]
    [InlineData("", "AH0 B", 2)]
    [InlineData("  a\tb\n c ", "a b c", 0)]
    public void Levenshtein_UnitTokens_CountsTokenEdits(string a, string b, int expected)
    {
        var parameters = new Dictionary<string, object?> { ["unit"] = "tokens" };
        double score = MetricRegistry.Create("levenshtein", parameters).Score(Inputs.Labels([a], [b]));
        Assert.Equal(expected, score);
    }

    [Fact]
    public void Levenshtein_UnitTokens_LongRowsGrowBuffers()
    {
        string a = string.Join(' ', Enumerable.Repeat("AH0", 400));
        string b = string.Join(' ', Enumerable.Repeat("AH0", 100)) + " " + string.Join(' ', Enumerable.Repeat("B", 500));
        var parameters = new Dictionary<string, object?> { ["unit"] = "tokens" };
        double score = MetricRegistry.Create("levenshtein", parameters).Score(Inputs.Labels(["x y", a], ["y x", b]));
        Assert.Equal((2 + 500) / 2.0, score);
    }

    [Fact]
    public void Levenshtein_UnknownUnit_IsRejected()
    {
        var parameters = new Dictionary<string, object?> { ["unit"] = "words" };
        ArgumentException error = Assert.Throws<ArgumentException>(() => MetricRegistry.Create("levenshtein", parameters));
        Assert.Contains("characters, tokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jaccard_TweetExamples_MatchesKaggleFormula() => ReferenceData.AssertCase("jaccard/tweet_examples");

    [Fact]
    public void Jaccard_RandomSentences_MatchesKaggleFormula() => ReferenceData.AssertCase("jaccard/random_sentences");

    [Fact]
    public void Jaccard_BothEmpty_IsOne() => ReferenceData.AssertCase("jaccard/both_empty");

    [Fact]
    public void Dice_TweetExamples_MatchesFormula() => ReferenceData.AssertCase("dice/tweet_examples");

    [Fact]
    public void Dice_RandomSentences_MatchesFormula() => ReferenceData.AssertCase("dice/random_sentences");

    [Fact]
    public void Dice_BothEmpty_IsOne() => ReferenceData.AssertCase("dice/both_empty");

    [Fact]
    public void JaccardAndDice_CaseAndRepeats_AreIgnored()
    {
        MetricInput input = Inputs.Labels(["Hello hello WORLD"], ["world HELLO"]);
        Assert.Equal(1.0, MetricRegistry.Create("jaccard").Score(input));
        Assert.Equal(1.0, MetricRegistry.Create("dice").Score(input));
    }
}
