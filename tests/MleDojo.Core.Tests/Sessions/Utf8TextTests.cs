using System.Text;
using MleDojo.Core.Sessions;

namespace MleDojo.Core.Tests.Sessions;

public sealed class Utf8TextTests
{
    [Theory]
    [InlineData("abc", 3)]
    [InlineData("ab\u00e9", 4)] // é is 2 bytes, whole
    [InlineData("a\u20ac", 4)] // € is 3 bytes, whole
    [InlineData("a\U0001F600", 5)] // an emoji is 4 bytes, whole
    public void CompleteLength_WholeCharacters_KeepsEveryByte(string text, int expected) =>
        Assert.Equal(expected, Utf8Text.CompleteLength(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("ab\u00e9", 3, 2)]
    [InlineData("a\u20ac", 2, 1)]
    [InlineData("a\u20ac", 3, 1)]
    [InlineData("a\U0001F600", 2, 1)]
    [InlineData("a\U0001F600", 4, 1)]
    public void CompleteLength_ACharacterCutByThePage_IsLeftForTheNextPage(string text, int pageBytes, int expected) =>
        Assert.Equal(expected, Utf8Text.CompleteLength(Encoding.UTF8.GetBytes(text).AsSpan(0, pageBytes)));

    [Fact]
    public void CompleteLength_PagesReadBackToBack_RebuildTheText()
    {
        var text = string.Concat(Enumerable.Repeat("h\u00e9\u20ac\U0001F600 ", 50));
        var bytes = Encoding.UTF8.GetBytes(text);
        var rebuilt = new StringBuilder();
        for (var offset = 0; offset < bytes.Length;)
        {
            var page = bytes.AsSpan(offset, Math.Min(7, bytes.Length - offset));
            var length = offset + page.Length < bytes.Length ? Utf8Text.CompleteLength(page) : page.Length;
            rebuilt.Append(Encoding.UTF8.GetString(page[..length]));
            offset += length;
        }

        Assert.Equal(text, rebuilt.ToString());
    }
}
