namespace MleDojo.Core.Importing;

/// <summary>What an import wrote.</summary>
/// <param name="Id">Our competition id.</param>
/// <param name="Directory">The competition folder.</param>
/// <param name="Grading">How it is graded, in words (library metric or own code).</param>
/// <param name="Split">How the split was made (prepare.py, or a pre-split download).</param>
/// <param name="TrainRows">Rows of public/train.csv (0 when there is none).</param>
/// <param name="TestRows">Rows of the answer key.</param>
/// <param name="LeaderboardEntries">Teams on the imported final leaderboard (null without one).</param>
/// <param name="Warnings">What works less well than it could (for example no leaderboard, so no medals).</param>
public sealed record ImportResult(
    string Id,
    string Directory,
    string Grading,
    string Split,
    int TrainRows,
    int TestRows,
    int? LeaderboardEntries,
    IReadOnlyList<string> Warnings);
