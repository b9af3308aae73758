using SslCourse.Autograd;

namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Looks up rows of <paramref name="weight"/> [num_embeddings, embedding_dim] for the int64 indices in
            /// <paramref name="input"/> (any shape); the result has shape input.shape + [embedding_dim]. Gradients
            /// add up over repeated indices; the row <paramref name="padding_idx"/> gets none.
            /// </summary>
            public static Tensor embedding(Tensor input, Tensor weight, long? padding_idx = null)
            {
                const string op = "embedding";
                if (weight.dim() != 2 || weight.dtype != ScalarType.Float32)
                    throw new ArgumentException($"{op}: weight must be a float32 matrix [num_embeddings, embedding_dim], got {weight.dtype.Name()} {ShapeUtil.Format(weight.Shape)}.");
                if (input.dtype != ScalarType.Int64)
                    throw new ArgumentException($"{op}: indices must be int64, got {input.dtype.Name()} {ShapeUtil.Format(input.Shape)}.");
                CheckSameDevice(op, weight.device, input);
                int rows = weight.Shape[0], width = weight.Shape[1];
                int? padding = null;
                if (padding_idx is long p)
                {
                    if (p < -rows || p >= rows) throw new ArgumentOutOfRangeException(nameof(padding_idx), $"{op}: padding_idx {p} is out of range for {rows} embeddings.");
                    padding = (int)(p < 0 ? p + rows : p);
                }
                var index = input.data<long>();
                for (int i = 0; i < index.Length; i++)
                    if (index[i] < 0 || index[i] >= rows)
                        throw new IndexOutOfRangeException($"{op}: index {index[i]} at position {i} of input {ShapeUtil.Format(input.Shape)} is out of range for {rows} embeddings (weight {ShapeUtil.Format(weight.Shape)}).");
                var y = Tensor.Empty([.. input.Shape, width], ScalarType.Float32, weight.device);
                using (GradMode.Set(false)) weight.Backend.IndexSelect(weight.contiguous(), 0, index, y);
                var weightShape = weight.Shape;
                return Engine.Record(op, y, [weight], [], (g, _) =>
                {
                    var dw = Tensor.Empty(weightShape, ScalarType.Float32, g.device);
                    g.Backend.IndexAdd(dw, 0, index, g.reshape(index.Length, width).contiguous());
                    if (padding is int row) dw.select(0, row).zero_();
                    return [dw];
                });
            }
        }
    }
}
