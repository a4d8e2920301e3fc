namespace MleDojo.Testing;

/// <summary>
/// Where tests leave files for people to look at (screenshots): MLEDOJO_TEST_ARTIFACTS when set, so CI can collect
/// them, else artifacts/ next to the test binaries.
/// </summary>
public static class TestArtifacts
{
    public const string Variable = "MLEDOJO_TEST_ARTIFACTS";

    public static string Directory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(Variable);
            var directory = string.IsNullOrEmpty(configured) ? Path.Combine(AppContext.BaseDirectory, "artifacts") : configured;
            return System.IO.Directory.CreateDirectory(directory).FullName;
        }
    }

    /// <summary>The path for an artifact of this name, announced in the test's output.</summary>
    public static string PathFor(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        TestContext.Current.TestOutputHelper?.WriteLine($"artifact: {path}");
        return path;
    }
}
