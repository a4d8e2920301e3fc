namespace MleDojo.Core.Metrics.Internal;

internal static class Numerics
{
    /// <summary>
    /// log(1 + x) accurate for small x, like numpy's log1p (.NET's double.LogP1 is plain Log(x + 1)).
    /// Uses the correction in Goldberg, "What every computer scientist should know about floating-point arithmetic".
    /// </summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }
}
