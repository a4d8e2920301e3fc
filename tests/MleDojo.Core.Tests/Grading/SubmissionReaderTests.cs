using System.Text;
using MleDojo.Core.Grading;
using MleDojo.Core.Tests.Support;

namespace MleDojo.Core.Tests.Grading;

public sealed class SubmissionReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Perfect(PreparedFixture f, string header = "id,Label", string newline = "\n", Func<string[], string>? row = null) =>
        header + newline + string.Concat(f.Answers.Select(a => (row?.Invoke(a) ?? $"{a[0]},{a[1]}") + newline));

    private static async Task<(PreparedFixture Fixture, Grader Grader)> LabelAsync() =>
        (await PreparedFixture.CreateAsync(root => FixtureCompetition.WriteLabel(root), Ct), new Grader());

    private static async Task<(PreparedFixture Fixture, Grader Grader)> RegressionAsync(string metric = "rmse") =>
        (await PreparedFixture.CreateAsync(root => FixtureCompetition.WriteRegression(root, metric: metric), Ct), new Grader());

    [Fact]
    public async Task Check_PerfectSubmission_IsValid()
    {
        var (f, grader) = await LabelAsync();
        using var _ = f;

        var check = grader.Check(f.Prepared, f.WriteSubmission(Perfect(f)), Ct);

        Assert.True(check.IsValid, string.Join("; ", check.Errors));
        Assert.Equal(60, check.Rows);
    }

    [Fact]
    public async Task Check_BomCrlfQuotedHeadersAndColumnOrder_DoNotMatter()
    {
        var (f, grader) = await LabelAsync();
        using var _ = f;
        var body = Perfect(f, header: "\"Label\",\"ID\"", newline: "\r\n", row: a => $"\"{a[1]}\",{a[0]}");
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(body)).ToArray();

        var check = grader.Check(f.Prepared, f.WriteBytes(bytes), Ct);

        Assert.True(check.IsValid, string.Join("; ", check.Errors));
    }

    [Fact]
    public async Task Check_MissingFile_SaysWhereToWrite()
    {
        var (f, grader) = await LabelAsync();
        using var _ = f;

        var check = grader.Check(f.Prepared, "/nonexistent/submission.csv", Ct);

        Assert.False(check.Found);
        var error = Assert.Single(check.Errors);
        Assert.Equal(SubmissionErrorCodes.MissingFile, error.Code);
        Assert.Contains("id,Label", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("id,Label\n")]
    public async Task Check_EmptyFile_IsEmptyFileError(string content)
    {
        var (f, grader) = await LabelAsync();
        using var _ = f;

        var check = grader.Check(f.Prepared, f.WriteSubmission(content), Ct);

        Assert.Equal(SubmissionErrorCodes.EmptyFile, Assert.Single(check.Errors).Code);
    }

    [Fact]
    public async Task Check_MissingAndExtraColumns_AreBothReported()
    {
        var (f, grader) = await LabelAsync();
        using var _ = f;

        var check = grader.Check(f.Prepared, f.WriteSubmission(Perfect(f, header: "id,Unnamed: 0", row: a => $"{a[0]},{a[1]}")), Ct);

        Assert.Equal([SubmissionErrorCodes.MissingColumns, SubmissionErrorCodes.ExtraColumns], check.Errors.Select(e => e.Code));
        Assert.Contains("Label", check.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("Unnamed: 0", check.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DuplicateUnknownAndMissingIds_AreCountedWithoutRevealingAnswers()
    {
        var (f, grader) = await LabelAsync();
        using var _ = f;
        var rows = f.Answers.ToList();
        var content = "id,Label\n" + string.Concat(rows.Skip(2).Select(a => $"{a[0]},a\n")) + $"{rows[2][0]},a\n" + "99999,a\n";

        var check = grader.Check(f.Prepared, f.WriteSubmission(content), Ct);

        var codes = check.Errors.Select(e => e.Code).ToList();
        Assert.Contains(SubmissionErrorCodes.DuplicateIds, codes);
        Assert.Contains(SubmissionErrorCodes.UnknownIds, codes);
        Assert.Contains(SubmissionErrorCodes.MissingIds, codes);
        Assert.DoesNotContain(SubmissionErrorCodes.WrongRowCount, codes);
        var missing = check.Errors.Single(e => e.Code == SubmissionErrorCodes.MissingIds);
        Assert.Contains("2 test ids", missing.Message, StringComparison.Ordinal);
        Assert.Contains("99999", check.Errors.Single(e => e.Code == SubmissionErrorCodes.UnknownIds).Message, StringComparison.Ordinal);
        Assert.All(check.Errors, e => Assert.DoesNotContain(rows[0][1] == "a" ? "'b'" : "'a'", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_WrongRowCount_IsReported()
    {
        var (f, grader) = await LabelAsync();
        using var _ = f;
        var content = "id,Label\n" + string.Concat(f.Answers.Skip(1).Select(a => $"{a[0]},{a[1]}\n"));

        var check = grader.Check(f.Prepared, f.WriteSubmission(content), Ct);

        var error = check.Errors.Single(e => e.Code == SubmissionErrorCodes.WrongRowCount);
        Assert.Contains("59 rows", error.Message, StringComparison.Ordinal);
        Assert.Contains("60", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_LabelOutsideClassSet_ListsTheClasses()
    {
        var (f, grader) = await LabelAsync();
        using var _ = f;

        var check = grader.Check(f.Prepared, f.WriteSubmission(Perfect(f, row: a => $"{a[0]},maybe")), Ct);

        var error = Assert.Single(check.Errors);
        Assert.Equal(SubmissionErrorCodes.UnknownLabel, error.Code);
        Assert.StartsWith("60 rows", error.Message, StringComparison.Ordinal);
        Assert.Contains("{a, b}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_RaggedRow_IsMalformedCsv()
    {
        var (f, grader) = await LabelAsync();
        using var _ = f;
        var perfect = Perfect(f);
        var secondLine = perfect.IndexOf('\n', perfect.IndexOf('\n', StringComparison.Ordinal) + 1);
        var content = perfect.Insert(secondLine, ",extra");

        var check = grader.Check(f.Prepared, f.WriteSubmission(content), Ct);

        Assert.Contains(check.Errors, e => e.Code is SubmissionErrorCodes.MalformedCsv or SubmissionErrorCodes.ExtraColumns);
    }

    [Theory]
    [InlineData("abc", SubmissionErrorCodes.NonNumeric)]
    [InlineData("NaN", SubmissionErrorCodes.NotFinite)]
    [InlineData("nan", SubmissionErrorCodes.NotFinite)]
    [InlineData("inf", SubmissionErrorCodes.NotFinite)]
    [InlineData("-Infinity", SubmissionErrorCodes.NotFinite)]
    [InlineData("", SubmissionErrorCodes.NonNumeric)]
    public async Task Check_BadNumber_IsReportedPerRow(string value, string code)
    {
        var (f, grader) = await RegressionAsync();
        using var _ = f;
        var answers = f.Answers;
        var content = "row_id,y\n" + string.Concat(answers.Select((a, i) => $"{a[0]},{(i == 3 ? value : "50.5")}\n"));

        var check = grader.Check(f.Prepared, f.WriteSubmission(content), Ct);

        var error = Assert.Single(check.Errors);
        Assert.Equal(code, error.Code);
        Assert.StartsWith("1 row ", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NegativeValueUnderRmsle_IsInvalidValue()
    {
        var (f, grader) = await RegressionAsync("rmsle");
        using var _ = f;
        var content = "row_id,y\n" + string.Concat(f.Answers.Select(a => $"{a[0]},-1\n"));

        var check = grader.Check(f.Prepared, f.WriteSubmission(content), Ct);

        Assert.Equal(SubmissionErrorCodes.InvalidValue, Assert.Single(check.Errors).Code);
    }

    [Fact]
    public async Task Check_FileOverSizeLimit_IsRejectedBeforeReading()
    {
        var (f, grader) = await PreparedFixture.CreateAsync(root => FixtureCompetition.WriteLabel(root, extraYaml: ""), Ct) is var fx ? (fx, new Grader()) : default;
        using var _ = f;
        var spec = f.Prepared.Spec with { Submission = f.Prepared.Spec.Submission with { MaxBytes = 100 } };
        var prepared = f.Prepared with { Spec = spec };

        var check = grader.Check(prepared, f.WriteSubmission(Perfect(f)), Ct);

        Assert.Equal(SubmissionErrorCodes.FileTooLarge, Assert.Single(check.Errors).Code);
    }
}
