namespace SslCourse.Eval;

/// <summary>
/// Eigenvalues and eigenvectors of a real symmetric matrix, in double precision: Householder reflections reduce it
/// to tridiagonal form, then implicit QR steps with Wilkinson shifts diagonalise that (Golub and Van Loan,
/// "Matrix Computations", §8.3). O(n³), a second or two for n ≈ 1000.
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Decomposes the symmetric n×n row-major <paramref name="matrix"/> (overwritten). Returns the eigenvalues in
    /// descending order and the matching unit eigenvectors as the rows of an n×n row-major array.
    /// </summary>
    public static (double[] values, double[] vectors) Decompose(double[] matrix, int n)
    {
        if (matrix.Length != n * n) throw new ArgumentException($"SymmetricEigen: expected {n}×{n} values, got {matrix.Length}.");
        var q = Tridiagonalize(matrix, n, out var diag, out var off);
        // Rows of z are the columns of q, so each QR rotation below touches two contiguous rows.
        var z = Transpose(q, n);
        DiagonalizeTridiagonal(diag, off, z, n);
        return SortDescending(diag, z, n);
    }

    /// <summary>
    /// Reduces a to T = Qᵀ a Q with T tridiagonal (diagonal <paramref name="diag"/>, off-diagonal <paramref name="off"/>)
    /// and returns Q (row-major). Step k reflects rows and columns k+1… so column k is zero below its subdiagonal.
    /// </summary>
    static double[] Tridiagonalize(double[] a, int n, out double[] diag, out double[] off)
    {
        var q = new double[n * n];
        for (int i = 0; i < n; i++) q[i * n + i] = 1;
        var v = new double[n]; var p = new double[n];
        for (int k = 0; k + 2 < n; k++)
        {
            int start = k + 1, m = n - start;
            // Householder vector v with (I − βvvᵀ)x = αe₁ for x = a[k+1.., k]; α takes the sign that avoids cancellation.
            double norm = 0;
            for (int i = 0; i < m; i++) { v[i] = a[(start + i) * n + k]; norm += v[i] * v[i]; }
            norm = Math.Sqrt(norm);
            if (norm == 0) continue;
            double alpha = v[0] > 0 ? -norm : norm;
            v[0] -= alpha;
            double vv = 0;
            for (int i = 0; i < m; i++) vv += v[i] * v[i];
            if (vv == 0) continue;
            double beta = 2 / vv;

            // The trailing block B becomes HBH = B − vwᵀ − wvᵀ with p = βBv and w = p − (β vᵀp / 2) v.
            double vp = 0;
            for (int i = 0; i < m; i++)
            {
                double s = 0;
                int row = (start + i) * n + start;
                for (int j = 0; j < m; j++) s += a[row + j] * v[j];
                p[i] = beta * s;
                vp += v[i] * p[i];
            }
            double half = beta * vp / 2;
            for (int i = 0; i < m; i++) p[i] -= half * v[i];
            for (int i = 0; i < m; i++)
            {
                int row = (start + i) * n + start;
                for (int j = 0; j < m; j++) a[row + j] -= v[i] * p[j] + p[i] * v[j];
            }
            for (int i = 0; i < m; i++) a[(start + i) * n + k] = a[k * n + start + i] = i == 0 ? alpha : 0;

            // Q ← Q·H on columns k+1…: each row r loses β (q_r·v) v.
            for (int r = 0; r < n; r++)
            {
                int row = r * n + start;
                double s = 0;
                for (int j = 0; j < m; j++) s += q[row + j] * v[j];
                s *= beta;
                for (int j = 0; j < m; j++) q[row + j] -= s * v[j];
            }
        }
        diag = new double[n]; off = new double[Math.Max(n - 1, 0)];
        for (int i = 0; i < n; i++) diag[i] = a[i * n + i];
        for (int i = 0; i + 1 < n; i++) off[i] = a[(i + 1) * n + i];
        return q;
    }

    /// <summary>
    /// Drives the off-diagonal of the tridiagonal matrix to zero with implicit shifted QR sweeps, rotating the rows of
    /// <paramref name="z"/> alongside; afterwards <paramref name="diag"/> holds the eigenvalues and z's rows the eigenvectors.
    /// </summary>
    static void DiagonalizeTridiagonal(double[] diag, double[] off, double[] z, int n)
    {
        int sweeps = 0;
        for (int hi = n - 1; hi > 0;)
        {
            // An off-diagonal entry negligible next to its diagonal neighbours splits the matrix: deflate.
            if (Negligible(off[hi - 1], diag[hi - 1], diag[hi])) { off[hi - 1] = 0; hi--; continue; }
            int lo = hi - 1;
            while (lo > 0 && !Negligible(off[lo - 1], diag[lo - 1], diag[lo])) lo--;
            if (++sweeps > 50 * n) throw new InvalidOperationException($"SymmetricEigen: QR iterations did not converge for a {n}×{n} matrix.");
            QrSweep(diag, off, z, n, lo, hi);
        }
    }

    static bool Negligible(double offDiagonal, double a, double b) =>
        Math.Abs(offDiagonal) <= 1e-15 * (Math.Abs(a) + Math.Abs(b)) || Math.Abs(offDiagonal) < 1e-300;

    /// <summary>One implicit QR step with a Wilkinson shift on the unreduced block lo…hi, chasing the bulge downwards.</summary>
    static void QrSweep(double[] d, double[] e, double[] z, int n, int lo, int hi)
    {
        // The shift is the eigenvalue of the trailing 2×2 block closer to its last diagonal entry.
        double delta = (d[hi - 1] - d[hi]) / 2, b = e[hi - 1];
        double mu = d[hi] - b * b / (delta + (delta >= 0 ? 1 : -1) * Math.Sqrt(delta * delta + b * b));
        double x = d[lo] - mu, bulge = e[lo];
        for (int k = lo; k < hi; k++)
        {
            // The rotation R = [[c, s], [−s, c]] on rows/columns k, k+1 zeroes the entry below x (the bulge).
            double r = Math.Sqrt(x * x + bulge * bulge);
            double c = r == 0 ? 1 : x / r, s = r == 0 ? 0 : bulge / r;
            if (k > lo) e[k - 1] = r;
            double dk = d[k], dk1 = d[k + 1], ek = e[k];
            d[k] = c * c * dk + 2 * c * s * ek + s * s * dk1;
            d[k + 1] = s * s * dk - 2 * c * s * ek + c * c * dk1;
            e[k] = c * s * (dk1 - dk) + (c * c - s * s) * ek;
            if (k + 1 < hi)
            {
                bulge = s * e[k + 1];
                e[k + 1] *= c;
                x = e[k];
            }
            Rotate(z, n, k, c, s);
        }
    }

    /// <summary>Rows k and k+1 of z become c·z_k + s·z_{k+1} and −s·z_k + c·z_{k+1}.</summary>
    static void Rotate(double[] z, int n, int k, double c, double s)
    {
        var a = z.AsSpan(k * n, n); var b = z.AsSpan((k + 1) * n, n);
        for (int j = 0; j < n; j++)
        {
            double aj = a[j], bj = b[j];
            a[j] = c * aj + s * bj;
            b[j] = c * bj - s * aj;
        }
    }

    static double[] Transpose(double[] m, int n)
    {
        var t = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) t[j * n + i] = m[i * n + j];
        return t;
    }

    static (double[] values, double[] vectors) SortDescending(double[] values, double[] rows, int n)
    {
        var order = Enumerable.Range(0, n).OrderByDescending(i => values[i]).ToArray();
        var sorted = new double[n * n];
        for (int i = 0; i < n; i++) Array.Copy(rows, order[i] * n, sorted, i * n, n);
        return (order.Select(i => values[i]).ToArray(), sorted);
    }
}
