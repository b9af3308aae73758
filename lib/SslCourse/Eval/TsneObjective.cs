using System.Numerics;

namespace SslCourse.Eval;

/// <summary>
/// The exact t-SNE objective for a 2-D embedding (coordinates in <c>x</c> and <c>y</c>): KL(P ‖ Q) with the
/// Student-t similarities qᵢⱼ = wᵢⱼ / Z, wᵢⱼ = 1 / (1 + ‖yᵢ − yⱼ‖²), Z = Σ_{k≠l} w_kl, and its gradient. Every pass
/// is O(N²) over all pairs, split by rows across threads.
/// </summary>
internal static class TsneObjective
{
    /// <summary>
    /// ∂KL/∂yᵢ = 4 Σⱼ (α pᵢⱼ − qᵢⱼ) wᵢⱼ (yᵢ − yⱼ) with early exaggeration α, into <paramref name="gradX"/>, <paramref name="gradY"/>.
    /// Since qᵢⱼ wᵢⱼ = wᵢⱼ² / Z, one pass gathers Σ pᵢⱼwᵢⱼ(yᵢ − yⱼ), Σ wᵢⱼ²(yᵢ − yⱼ) and Z, and Z is applied after.
    /// </summary>
    public static void Gradient(float[] p, int n, float[] x, float[] y, double exaggeration, double[] gradX, double[] gradY)
    {
        var attractX = new double[n]; var attractY = new double[n];
        var repelX = new double[n]; var repelY = new double[n];
        var rowZ = new double[n];
        Parallel.For(0, n, i =>
        {
            var pi = p.AsSpan(i * n, n);
            // The same sums, Vector<float>.Count pairs at a time (the bulk of t-SNE's run time), then the leftover pairs.
            Vector<float> vxi = new(x[i]), vyi = new(y[i]), vax = default, vay = default, vrx = default, vry = default, vz = default;
            int j = 0;
            for (; j + Vector<float>.Count <= n; j += Vector<float>.Count)
            {
                var dx = vxi - new Vector<float>(x.AsSpan(j)); var dy = vyi - new Vector<float>(y.AsSpan(j));
                var w = Vector<float>.One / (Vector<float>.One + dx * dx + dy * dy);
                var pw = new Vector<float>(pi[j..]) * w; var ww = w * w;
                vax += pw * dx; vay += pw * dy;
                vrx += ww * dx; vry += ww * dy;
                vz += w;
            }
            float ax = Vector.Sum(vax), ay = Vector.Sum(vay), rx = Vector.Sum(vrx), ry = Vector.Sum(vry), z = Vector.Sum(vz);
            for (; j < n; j++)
            {
                float dx = x[i] - x[j], dy = y[i] - y[j];
                float w = 1 / (1 + dx * dx + dy * dy);
                float pw = pi[j] * w, ww = w * w;
                ax += pw * dx; ay += pw * dy;
                rx += ww * dx; ry += ww * dy;
                z += w;
            }
            (attractX[i], attractY[i], repelX[i], repelY[i], rowZ[i]) = (ax, ay, rx, ry, z - 1);  // j = i added w = 1
        });
        double totalZ = rowZ.Sum();
        for (int i = 0; i < n; i++)
        {
            gradX[i] = 4 * (exaggeration * attractX[i] - repelX[i] / totalZ);
            gradY[i] = 4 * (exaggeration * attractY[i] - repelY[i] / totalZ);
        }
    }

    /// <summary>KL(P ‖ Q) = Σ pᵢⱼ log(pᵢⱼ / qᵢⱼ) over pairs with pᵢⱼ &gt; 0.</summary>
    public static double KlDivergence(float[] p, int n, float[] x, float[] y)
    {
        var rowZ = new double[n]; var rowKl = new double[n];
        Parallel.For(0, n, i =>
        {
            double z = 0;
            for (int j = 0; j < n; j++) if (j != i) z += Similarity(x, y, i, j);
            rowZ[i] = z;
        });
        double logZ = Math.Log(rowZ.Sum());
        Parallel.For(0, n, i =>
        {
            double kl = 0;
            for (int j = 0; j < n; j++)
            {
                double pij = p[i * n + j];
                if (j != i && pij > 0) kl += pij * (Math.Log(pij) - Math.Log(Similarity(x, y, i, j)) + logZ);
            }
            rowKl[i] = kl;
        });
        return rowKl.Sum();
    }

    static double Similarity(float[] x, float[] y, int i, int j)
    {
        double dx = x[i] - x[j], dy = y[i] - y[j];
        return 1 / (1 + dx * dx + dy * dy);
    }
}
