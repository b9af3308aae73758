using SslCourse.Modules;

namespace SslCourse;

// Factories with TorchSharp's names, so that lesson code reads `nn.Linear(784, 256)` as in TorchSharp.
public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Makes <paramref name="data"/> a trainable leaf (TorchSharp's Parameter).</summary>
        public static Tensor Parameter(Tensor data, bool requires_grad = true) => data.detach().requires_grad_(requires_grad);

        public static Linear Linear(long in_features, long out_features, bool hasBias = true, Generator? generator = null) => new(in_features, out_features, hasBias, generator);
        public static Conv1d Conv1d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true, Generator? generator = null) =>
            new(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, generator);
        public static Conv2d Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true, Generator? generator = null) =>
            new(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, generator);
        public static ConvTranspose2d ConvTranspose2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long output_padding = 0, long groups = 1, bool bias = true, long dilation = 1, Generator? generator = null) =>
            new(in_channels, out_channels, kernel_size, stride, padding, output_padding, groups, bias, dilation, generator);
        public static BatchNorm1d BatchNorm1d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = true) => new(num_features, eps, momentum, affine);
        public static BatchNorm2d BatchNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = true) => new(num_features, eps, momentum, affine);
        public static LayerNorm LayerNorm(long normalized_shape, double eps = 1e-5, bool elementwise_affine = true) => new(normalized_shape, eps, elementwise_affine);
        public static LayerNorm LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true) => new(normalized_shape, eps, elementwise_affine);
        public static GroupNorm GroupNorm(long num_groups, long num_channels, double eps = 1e-5, bool affine = true) => new(num_groups, num_channels, eps, affine);
        public static Embedding Embedding(long num_embeddings, long embedding_dim, long? padding_idx = null, Generator? generator = null) => new(num_embeddings, embedding_dim, padding_idx, generator);
        public static Dropout Dropout(double p = 0.5, Generator? generator = null) => new(p, generator);
        public static MultiheadAttention MultiheadAttention(long embed_dim, long num_heads, double dropout = 0, bool bias = true, bool batch_first = false, Generator? generator = null) =>
            new(embed_dim, num_heads, dropout, bias, batch_first, generator);

        public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules);
        public static Sequential Sequential(params (string name, Module<Tensor, Tensor> module)[] modules) => new(modules);
        public static ModuleList<T> ModuleList<T>(params T[] modules) where T : Module => new(modules);
        public static ModuleDict<T> ModuleDict<T>(params (string name, T module)[] modules) where T : Module => new(modules);

        public static Lambda ReLU() => new("ReLU", x => x.relu());
        public static Lambda GELU(string approximate = "none") => new("GELU", x => x.gelu(approximate));
        public static Lambda SiLU() => new("SiLU", x => x.silu());
        public static Lambda Tanh() => new("Tanh", x => x.tanh());
        public static Lambda Sigmoid() => new("Sigmoid", x => x.sigmoid());
        public static Lambda Softplus() => new("Softplus", x => x.softplus());
        public static Lambda LeakyReLU(double negative_slope = 0.01) => new("LeakyReLU", x => x.leaky_relu(negative_slope));
        public static Lambda ELU(double alpha = 1) => new("ELU", x => functional.elu(x, alpha));
        public static Lambda Softmax(long dim) => new("Softmax", x => functional.softmax(x, dim));
        public static Lambda Identity() => new("Identity", x => x);
        public static Lambda Flatten(long start_dim = 1, long end_dim = -1) => new("Flatten", x => x.flatten(start_dim, end_dim));
        public static Lambda Unflatten(long dim, long[] unflattened_size) => new("Unflatten", x => x.unflatten(dim, unflattened_size));
        public static Lambda MaxPool2d(long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false) =>
            new("MaxPool2d", x => functional.max_pool2d(x, [kernel_size], [stride ?? kernel_size], [padding], ceil_mode: ceil_mode));
        public static Lambda AvgPool2d(long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true) =>
            new("AvgPool2d", x => functional.avg_pool2d(x, [kernel_size], [stride ?? kernel_size], [padding], ceil_mode, count_include_pad));
        public static Lambda AdaptiveAvgPool1d(long output_size) => new("AdaptiveAvgPool1d", x => functional.adaptive_avg_pool1d(x, output_size));
        public static Lambda AdaptiveAvgPool2d(long output_size) => new("AdaptiveAvgPool2d", x => functional.adaptive_avg_pool2d(x, [output_size]));
        public static Lambda AdaptiveAvgPool2d(long[] output_size) => new("AdaptiveAvgPool2d", x => functional.adaptive_avg_pool2d(x, output_size));
        public static Lambda Upsample(double scale_factor, string mode = "nearest", bool? align_corners = null) =>
            new("Upsample", x => functional.interpolate(x, scale_factor: [scale_factor], mode: mode, align_corners: align_corners));
    }
}
