using System.Numerics;
using System.Runtime.InteropServices;

namespace MleDojo.Core.Metrics.Internal;

/// <summary>
/// Vectorised sums over aligned columns. Several accumulators also keep the rounding error of a
/// million-term sum close to numpy's pairwise summation.
/// </summary>
internal static class Sums
{
    public static double SquaredDifferences(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0;
        double total = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= 2 * Vector<double>.Count)
        {
            ReadOnlySpan<Vector<double>> va = MemoryMarshal.Cast<double, Vector<double>>(a);
            ReadOnlySpan<Vector<double>> vb = MemoryMarshal.Cast<double, Vector<double>>(b[..a.Length]);
            Vector<double> acc0 = Vector<double>.Zero;
            Vector<double> acc1 = Vector<double>.Zero;
            int v = 0;
            for (; v + 1 < va.Length; v += 2)
            {
                Vector<double> d0 = va[v] - vb[v];
                Vector<double> d1 = va[v + 1] - vb[v + 1];
                acc0 += d0 * d0;
                acc1 += d1 * d1;
            }

            for (; v < va.Length; v++)
            {
                Vector<double> d = va[v] - vb[v];
                acc0 += d * d;
            }

            total = Vector.Sum(acc0 + acc1);
            i = va.Length * Vector<double>.Count;
        }

        for (; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            total += d * d;
        }

        return total;
    }

    public static double AbsoluteDifferences(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0;
        double total = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= 2 * Vector<double>.Count)
        {
            ReadOnlySpan<Vector<double>> va = MemoryMarshal.Cast<double, Vector<double>>(a);
            ReadOnlySpan<Vector<double>> vb = MemoryMarshal.Cast<double, Vector<double>>(b[..a.Length]);
            Vector<double> acc0 = Vector<double>.Zero;
            Vector<double> acc1 = Vector<double>.Zero;
            int v = 0;
            for (; v + 1 < va.Length; v += 2)
            {
                acc0 += Vector.Abs(va[v] - vb[v]);
                acc1 += Vector.Abs(va[v + 1] - vb[v + 1]);
            }

            for (; v < va.Length; v++)
            {
                acc0 += Vector.Abs(va[v] - vb[v]);
            }

            total = Vector.Sum(acc0 + acc1);
            i = va.Length * Vector<double>.Count;
        }

        for (; i < a.Length; i++)
        {
            total += Math.Abs(a[i] - b[i]);
        }

        return total;
    }

    public static double Sum(ReadOnlySpan<double> a)
    {
        int i = 0;
        double total = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= 2 * Vector<double>.Count)
        {
            ReadOnlySpan<Vector<double>> va = MemoryMarshal.Cast<double, Vector<double>>(a);
            Vector<double> acc0 = Vector<double>.Zero;
            Vector<double> acc1 = Vector<double>.Zero;
            int v = 0;
            for (; v + 1 < va.Length; v += 2)
            {
                acc0 += va[v];
                acc1 += va[v + 1];
            }

            for (; v < va.Length; v++)
            {
                acc0 += va[v];
            }

            total = Vector.Sum(acc0 + acc1);
            i = va.Length * Vector<double>.Count;
        }

        for (; i < a.Length; i++)
        {
            total += a[i];
        }

        return total;
    }
}
