using System.Text;
using MleDojo.Core.Competitions.RawSources;

namespace MleDojo.Core.Tests.Competitions.RawSources;

public sealed class MailCorpusSourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Multipart = """
        From sender@example.com  Thu Aug 22 13:17:22 2002
        Received: from a.example.com
        	by b.example.com with SMTP id 1
        Received: from c.example.com
            by d.example.com
        Subject: Cheap meds =?iso-8859-1?q?now?=
        MIME-Version: 1.0
        Content-Type: multipart/alternative;
        	boundary="==b1=="

        This is a multi-part message in MIME format.

        --==b1==
        Content-Type: text/plain; charset="iso-8859-1"
        Content-Transfer-Encoding: quoted-printable

        Save 70% on caf=E9 supplies =
        today=3D now.
        --==b1==
        Content-Type: text/html

        <p>Save 70%</p>
        --==b1==--
        epilogue
        """;

    private const string MixedWithBase64 = """
        Subject: report
        Content-Type: multipart/mixed; boundary=outer

        --outer
        Content-Type: text/plain
        Content-Transfer-Encoding: base64

        SGVsbG8sIHdvcmxkIQ==
        --outer
        Content-Type: image/gif
        Content-Transfer-Encoding: base64

        R0lGODlhAQABAAAAACw=
        --outer--
        """;

    private const string Plain = """
        Return-Path: <list@example.org>
        Subject: Re: meeting
        Content-Type: text/plain

        See you at 10.

        -- 
        Bob
        """;

    [Fact]
    public async Task Read_KeepsDecodedBodiesWithoutHeaders()
    {
        using var temp = new TempDirectory();
        var spam = Folder(temp, "spam", ("1.txt", Multipart), ("2.txt", MixedWithBase64));
        var ham = Folder(temp, "ham", ("1.txt", Plain));

        var (header, rows) = await Source(spam, ham).ReadAsync(Ct);

        Assert.Equal(["text", "label"], header);
        Assert.Equal(
            [
                ["Save 70% on café supplies today= now.", "1"],
                ["Hello, world!", "1"],
                ["See you at 10.\n\n-- \nBob", "0"],
            ],
            rows);
        Assert.DoesNotContain(rows, r => r[0].Contains("Subject", StringComparison.Ordinal) || r[0].Contains("Received", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_FallsBackToHtmlWhenThePlainAlternativeIsEmpty()
    {
        using var temp = new TempDirectory();
        var emptyPlain = Multipart.Replace("Save 70% on caf=E9 supplies =\ntoday=3D now.", "\n", StringComparison.Ordinal);
        var spam = Folder(temp, "spam", ("1.txt", emptyPlain));

        var (_, rows) = await Source(spam).ReadAsync(Ct);

        Assert.Equal("<p>Save 70%</p>", Assert.Single(rows)[0]);
    }

    [Fact]
    public async Task Read_DeduplicatesBodies_DropsBodiesUnderBothLabelsAndEmptyOnes()
    {
        using var temp = new TempDirectory();
        var spam = Folder(temp, "spam",
            ("b.txt", "Subject: x\n\nbuy now"),
            ("a.txt", "Subject: y\n\nwin big"),
            ("c.txt", "Subject: z\n\nwin big"),
            ("d.txt", "Subject: attachment only\nContent-Type: image/gif\n\nR0lGOD"),
            ("e.txt", "Subject: shared\n\nhello there"));
        var ham = Folder(temp, "ham",
            ("a.txt", "Subject: fwd\n\nsee attached\r\n"),
            ("b.txt", "Subject: hi\n\nhello there"),
            ("c.txt", "Subject: lunch\n\nlunch?"),
            ("d.txt", "Subject: lunch again\n\n\nlunch?  \n"));

        var (_, rows) = await Source(spam, ham).ReadAsync(Ct);

        // Folder order, then ordinal file order; the first copy of a duplicate stays; "hello there" is under both labels.
        Assert.Equal([["win big", "1"], ["buy now", "1"], ["see attached", "0"], ["lunch?", "0"]], rows);
        Assert.Equal(4, await Source(spam, ham).CountRowsAsync(Ct));
    }

    [Fact]
    public async Task Fingerprint_ChangesWhenAMessageChanges()
    {
        using var temp = new TempDirectory();
        var spam = Folder(temp, "spam", ("1.txt", Plain));
        var before = await Source(spam).FingerprintAsync(Ct);

        File.AppendAllText(Path.Combine(spam, "1.txt"), "P.S.");

        Assert.NotEqual(before, await Source(spam).FingerprintAsync(Ct));
    }

    [Fact]
    public async Task Read_MissingFolder_NamesIt()
    {
        using var temp = new TempDirectory();
        var missing = temp.Combine("spam");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new MailCorpusSource([missing], new Dictionary<string, string> { ["spam"] = "1" }, "*").ReadAsync(Ct));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spam=1", "unlabelled: ham")]
    [InlineData("spam=1,ham=0,eggs=0", "not in files: eggs")]
    [InlineData("spam=1,ham", "'ham' is not a folder=label pair")]
    [InlineData("", "is required")]
    public void ParseLabels_ExplainsWhatIsWrong(string labels, string expected)
    {
        var parsed = MailCorpusSource.ParseLabels(new Dictionary<string, string> { ["labels"] = labels }, ["/x/spam", "/x/ham/"], out var problem);

        Assert.Null(parsed);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    private static MailCorpusSource Source(params string[] folders) =>
        new(folders, new Dictionary<string, string> { ["spam"] = "1", ["ham"] = "0" }, "*.txt");

    private static string Folder(TempDirectory temp, string name, params (string File, string Text)[] messages)
    {
        var folder = Directory.CreateDirectory(temp.Combine(name)).FullName;
        foreach (var (file, text) in messages)
        {
            // Latin-1: raw mail is bytes, and the quoted-printable é must arrive as the single byte 0xE9.
            File.WriteAllBytes(Path.Combine(folder, file), Encoding.Latin1.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)));
        }

        File.WriteAllText(Path.Combine(folder, "1.json"), "{\"twin\": true}");
        return folder;
    }
}
