using System.Text;
using MleDojo.Sandbox.Common;

namespace MleDojo.Sandbox.Tests;

public sealed class BufferTests
{
    [Fact]
    public void HeadTailBuffer_OutputThatFits_KeepsEverything()
    {
        var buffer = new HeadTailBuffer(8, 8);
        buffer.Append("hello "u8);
        buffer.Append("world\n"u8);
        Assert.Equal("hello world\n", buffer.ToText("logs/x.log"));
        Assert.Equal(0, buffer.CutBytes);
    }

    [Fact]
    public void HeadTailBuffer_OutputTooLong_CutsTheMiddleAndSaysSo()
    {
        var buffer = new HeadTailBuffer(6, 6);
        foreach (var i in Enumerable.Range(0, 100))
        {
            buffer.Append(Encoding.UTF8.GetBytes($"{i % 10}"));
        }

        buffer.Append("\nend\n"u8);
        Assert.Equal(105, buffer.TotalBytes);
        Assert.Equal("012345\n[... 93 bytes cut; full log at logs/run-0003.stdout.log ...]\n9\nend\n", buffer.ToText("logs/run-0003.stdout.log"));
    }

    [Fact]
    public void HeadTailBuffer_MultiByteCharactersAtACut_AreNeverSplit()
    {
        var buffer = new HeadTailBuffer(5, 5);
        buffer.Append(Encoding.UTF8.GetBytes(new string('é', 50)));
        var text = buffer.ToText();
        Assert.DoesNotContain("\uFFFD", text);
        Assert.StartsWith("éé\n[... ", text);
        Assert.EndsWith("\néé", text);
    }

    [Fact]
    public void RecentLinesBuffer_TwoStreamsAndCarriageReturns_InterleavesAndOverwrites()
    {
        var lines = new RecentLinesBuffer(capacity: 3);
        lines.Append(0, "a\nb\n"u8);
        lines.Append(1, "warning\n"u8);
        lines.Append(0, "epoch 1\r\nprogress 1%\rprogress 9"u8);
        lines.Append(0, "9%"u8);
        Assert.Equal(["b", "warning", "epoch 1", "progress 99%"], lines.Recent(10));
        Assert.Equal(["progress 99%"], lines.Recent(1));
        Assert.Empty(lines.Recent(0));
    }

    [Fact]
    public void RecentLinesBuffer_CharacterSplitAcrossReads_IsReassembled()
    {
        var lines = new RecentLinesBuffer();
        var bytes = Encoding.UTF8.GetBytes("naïve\n");
        lines.Append(0, bytes.AsSpan(0, 3));
        lines.Append(0, bytes.AsSpan(3));
        Assert.Equal(["naïve"], lines.Recent(5));
    }
}
