namespace MleDojo.Reports.Statistics;

/// <summary>Solves a symmetric positive-definite linear system, the Newton step of a concave fit.</summary>
internal static class Cholesky
{
    /// <summary>The x with <paramref name="matrix"/> · x = <paramref name="vector"/>.</summary>
    /// <exception cref="InvalidOperationException">The matrix is not positive definite.</exception>
    public static double[] Solve(double[,] matrix, double[] vector)
    {
        int n = vector.Length;
        double[,] lower = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = matrix[i, j];
                for (int k = 0; k < j; k++)
                {
                    sum -= lower[i, k] * lower[j, k];
                }

                if (i == j)
                {
                    if (sum <= 0)
                    {
                        throw new InvalidOperationException("The matrix is not positive definite.");
                    }

                    lower[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i, j] = sum / lower[j, j];
                }
            }
        }

        // Forward substitution (L y = b), then back substitution (Lᵀ x = y).
        double[] y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = vector[i];
            for (int k = 0; k < i; k++)
            {
                sum -= lower[i, k] * y[k];
            }

            y[i] = sum / lower[i, i];
        }

        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int k = i + 1; k < n; k++)
            {
                sum -= lower[k, i] * x[k];
            }

            x[i] = sum / lower[i, i];
        }

        return x;
    }
}
