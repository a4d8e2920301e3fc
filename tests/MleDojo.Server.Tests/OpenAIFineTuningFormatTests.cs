namespace MleDojo.Server.Tests;

/// <summary>The fine-tuning format check the chat export is held to finds what OpenAI's validation would refuse.</summary>
public sealed class OpenAIFineTuningFormatTests
{
    private const string Tools = """[{"type":"function","function":{"name":"execute_code","description":"","parameters":{"type":"object"}}}]""";

    [Fact]
    public void Problems_AValidExample_None() =>
        Assert.Empty(OpenAIFineTuningFormat.Problems(Example("""{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"execute_code","arguments":"{\"code\":\"print(1)\"}"}}]},{"role":"tool","tool_call_id":"c1","content":"{}"}""")));

    [Theory]
    [InlineData("""{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"rm_rf","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"{}"}""", "which tools does not hold")]
    [InlineData("""{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"execute_code","arguments":"{\"code\": "}}]},{"role":"tool","tool_call_id":"c1","content":"{}"}""", "are not JSON")]
    [InlineData("""{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"execute_code","arguments":"{}"}}]}""", "never answered")]
    [InlineData("""{"role":"assistant","content":"hi"},{"role":"tool","tool_call_id":"c9","content":"{}"}""", "answers no call")]
    [InlineData("""{"role":"narrator","content":"x"},{"role":"assistant","content":"hi"}""", "no known role")]
    [InlineData("""{"role":"user","content":"hi"}""", "no assistant message")]
    public void Problems_AnInvalidExample_SaysWhatIsWrong(string messages, string problem) =>
        Assert.Contains(OpenAIFineTuningFormat.Problems(Example(messages)), p => p.Contains(problem, StringComparison.Ordinal));

    private static string Example(string messages) => $$"""{"messages":[{"role":"system","content":"task"},{{messages}}],"tools":{{Tools}}}""";
}
