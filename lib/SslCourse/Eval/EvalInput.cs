namespace SslCourse.Eval;

/// <summary>
/// Validation and unpacking shared by the evaluation tools: features are float32 [N, D], labels int64 [N].
/// Every message names the method and the shapes it got.
/// </summary>
internal static class EvalInput
{
    /// <summary>Checks that <paramref name="features"/> is a float32 [N, D] tensor with at least <paramref name="minRows"/> rows.</summary>
    public static void Features(Tensor features, string op, int minRows = 1)
    {
        if (features.dim() != 2 || features.dtype != torch.ScalarType.Float32)
            throw new ArgumentException($"{op}: features must be a 2-D float32 tensor [N, D], got {features.ShapeText()} {features.dtype.DtypeName()}.");
        if (features.shape[0] < minRows)
            throw new ArgumentException($"{op}: needs at least {minRows} rows of features, got {features.ShapeText()}.");
    }

    /// <summary>Checks that <paramref name="features"/> has <paramref name="dims"/> columns, as the fitted model expects.</summary>
    public static void FeatureWidth(Tensor features, int dims, string op)
    {
        Features(features, op, minRows: 0);
        if (features.shape[1] != dims)
            throw new ArgumentException($"{op}: features {features.ShapeText()} have {features.shape[1]} columns but the model was fitted on {dims}.");
    }

    /// <summary>The values of a 1-D int64 label tensor of length <paramref name="n"/>, checked to be non-negative.</summary>
    public static long[] Labels(Tensor labels, int n, string op, string what = "labels")
    {
        if (labels.dim() != 1 || labels.dtype != torch.ScalarType.Int64)
            throw new ArgumentException($"{op}: {what} must be a 1-D int64 tensor [N], got {labels.ShapeText()} {labels.dtype.DtypeName()}.");
        if (labels.shape[0] != n)
            throw new ArgumentException($"{op}: {what} {labels.ShapeText()} do not match the {n} samples.");
        var values = labels.ToLongArray();
        foreach (var v in values)
            if (v < 0) throw new ArgumentException($"{op}: {what} must be non-negative class indices, found {v}.");
        return values;
    }

    /// <summary>One more than the largest label: the number of classes the labels imply.</summary>
    public static int ClassCount(long[] labels) => labels.Length == 0 ? 0 : (int)labels.Max() + 1;

    /// <summary>The number of classes: <paramref name="numClasses"/> if given (checked to cover every label), else implied by the labels.</summary>
    public static int ClassCount(long[] labels, int? numClasses, string op)
    {
        int implied = ClassCount(labels);
        if (numClasses is int c && implied > c) throw new ArgumentException($"{op}: label {implied - 1} is out of range for {c} classes.");
        return numClasses ?? implied;
    }

    /// <summary>The error for reading a result before the model was fitted.</summary>
    public static InvalidOperationException NotFitted(string member) => new($"{member}: call Fit first.");
}
