
namespace SslCourse.Tests.NN;

/// <summary>Behaviour of torch.nn.functional beyond single values: stability, statistics, seeding, state and errors.</summary>
public class FunctionalTests
{
    // ---------------------------------------------------------------- softmax

    [Fact]
    public void Softmax_of_huge_logits_stays_finite_and_sums_to_one()
    {
        var x = tensor(new[] { 1000f, 0f, -1000f, 1000f, 999f, 998f }, [2, 3]);
        var p = F.softmax(x, 1);
        Assert.True(p.isfinite().all().ToBoolean());
        TensorAssert.Close(ones(2), p.sum(1));
        TensorAssert.Values([0f, -1000f, -2000f], F.log_softmax(x, 1)[0], atol: 1e-3);
    }

    [Fact]
    public void Softmax_along_a_middle_dimension_normalises_each_slice()
    {
        var x = randn([2, 4, 3], new Generator(5)) * 4;
        TensorAssert.Close(ones(2, 3), F.softmax(x, 1).sum(1));
        TensorAssert.Close(F.softmax(x.transpose(1, 2).contiguous(), 2).transpose(1, 2), F.softmax(x, -2));
    }

    [Fact]
    public void Softmax_rejects_a_dimension_out_of_range() =>
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => F.softmax(zeros(2, 3), 2), "softmax", "dimension 2");

    [Fact]
    public void Softmax_over_rows_shared_between_threads_matches_its_definition()
    {
        // Over a million elements, so the rows are split across threads; a masked entry must come out exactly 0.
        var x = randn([1030, 1024], new Generator(5)) * 4;
        x[0, 7] = tensor(float.NegativeInfinity);
        var p = F.softmax(x, 1);
        var e = (x - x.amax([1], keepdim: true)).exp();
        TensorAssert.Close(e / e.sum(1, keepdim: true), p, atol: 1e-8, rtol: 1e-5);
        Assert.Equal(0f, p[0, 7].ToSingle());
    }

    // ---------------------------------------------------------------- cross-entropy and nll

    [Fact]
    public void Cross_entropy_names_the_shapes_when_the_target_does_not_fit()
    {
        TensorAssert.Throws<ArgumentException>(() => F.cross_entropy(zeros(4, 5), tensor(new long[] { 1, 2, 3 })),
            "cross_entropy", "[3]", "[4,5]", "[4]");
        TensorAssert.Throws<ArgumentException>(() => F.cross_entropy(zeros(4, 5), zeros(4, 4)), "cross_entropy", "[4,4]", "[4,5]");
    }

    [Fact]
    public void Cross_entropy_names_an_out_of_range_class() =>
        TensorAssert.Throws<IndexOutOfRangeException>(() => F.cross_entropy(zeros(2, 5), tensor(new long[] { 1, 7 })),
            "cross_entropy", "class 7", "5 classes", "[2,5]");

    [Fact]
    public void Cross_entropy_rejects_bad_weight_reduction_and_smoothing()
    {
        TensorAssert.Throws<ArgumentException>(() => F.cross_entropy(zeros(2, 5), tensor(new long[] { 1, 2 }), weight: ones(4)), "weight", "[4]", "[5]");
        TensorAssert.Throws<ArgumentException>(() => F.cross_entropy(zeros(2, 5), tensor(new long[] { 1, 2 }), reduction: "avg"), "reduction", "\"avg\"");
        TensorAssert.Throws<ArgumentException>(() => F.cross_entropy(zeros(2, 5), tensor(new long[] { 1, 2 }), label_smoothing: 1.5), "label_smoothing");
    }

    [Fact]
    public void Cross_entropy_of_uniform_logits_is_log_of_the_class_count()
    {
        var loss = F.cross_entropy(zeros(3, 7), tensor(new long[] { 0, 3, 6 }));
        Assert.Equal(Math.Log(7), loss.ToDouble(), 5);
    }

    [Fact]
    public void Ignored_targets_contribute_neither_loss_nor_gradient()
    {
        var x = randn([3, 4], new Generator(2)).requires_grad_();
        var loss = F.cross_entropy(x, tensor(new long[] { 1, -100, 2 }), reduction: "sum");
        loss.backward();
        TensorAssert.Close(zeros(4), x.grad![1]);
        var kept = F.cross_entropy(x.detach()[TensorIndex.Slice(0, 1)], tensor(new long[] { 1 }), reduction: "sum")
                 + F.cross_entropy(x.detach()[TensorIndex.Slice(2, 3)], tensor(new long[] { 2 }), reduction: "sum");
        TensorAssert.Close(kept, loss.detach());
    }

    [Fact]
    public void Nll_loss_wants_int64_targets() =>
        TensorAssert.Throws<ArgumentException>(() => F.nll_loss(zeros(2, 3), zeros(2)), "nll_loss", "float32 [2]", "int64");

    // ---------------------------------------------------------------- other losses

    [Fact]
    public void Binary_cross_entropy_checks_its_input()
    {
        TensorAssert.Throws<ArgumentException>(() => F.binary_cross_entropy(tensor(new[] { 0.5f, 1.5f }), zeros(2)), "binary_cross_entropy", "[0, 1]");
        TensorAssert.Throws<ArgumentException>(() => F.binary_cross_entropy(full([3], 0.5), zeros(2)), "target [2]", "input [3]");
    }

    [Fact]
    public void Binary_cross_entropy_caps_a_certain_mistake_at_100()
    {
        Assert.Equal(100.0, F.binary_cross_entropy(tensor(new[] { 0f }), tensor(new[] { 1f })).ToDouble(), 3);
        var logits = tensor(new[] { -200f, 200f });
        TensorAssert.Values([200f, 0f], F.binary_cross_entropy_with_logits(logits, tensor(new[] { 1f, 1f }), reduction: "none"), atol: 1e-3);
    }

    [Fact]
    public void Kl_div_lists_batchmean_among_the_reductions()
    {
        TensorAssert.Throws<ArgumentException>(() => F.kl_div(zeros(2, 3), zeros(2, 3), "avg"), "kl_div", "batchmean");
        TensorAssert.Throws<ArgumentException>(() => F.mse_loss(zeros(2), zeros(2), "batchmean"), "mse_loss", "\"batchmean\"");
    }

    [Fact]
    public void Cosine_similarity_of_a_zero_vector_is_zero_with_a_finite_gradient()
    {
        var a = zeros([1, 3], requires_grad: true);
        var s = F.cosine_similarity(a, ones(1, 3));
        s.sum().backward();
        Assert.Equal(0.0, s.ToDouble());
        Assert.True(a.grad!.isfinite().all().ToBoolean());
    }

    // ---------------------------------------------------------------- embedding

    [Fact]
    public void Embedding_adds_up_gradients_of_repeated_indices_and_skips_padding()
    {
        var w = randn([4, 2], new Generator(1)).requires_grad_();
        var y = F.embedding(tensor(new long[] { 1, 1, 3, 1, 0 }), w, padding_idx: 0);
        TensorAssert.Close(w.detach()[0], y[4]);
        y.sum().backward();
        TensorAssert.Values([0, 0, 3, 3, 0, 0, 1, 1], w.grad!.reshape(-1));
    }

    [Fact]
    public void Embedding_names_an_out_of_range_index()
    {
        TensorAssert.Throws<IndexOutOfRangeException>(() => F.embedding(tensor(new long[] { 0, 4 }), zeros(4, 2)), "embedding", "index 4", "4 embeddings");
        TensorAssert.Throws<ArgumentException>(() => F.embedding(zeros(2), zeros(4, 2)), "embedding", "int64");
    }

    // ---------------------------------------------------------------- dropout

    [Fact]
    public void Dropout_zeroes_a_fraction_p_and_scales_the_rest_to_keep_the_mean()
    {
        var y = F.dropout(ones(200_000), 0.3, generator: new Generator(11));
        var values = y.data<float>();
        double zeroFraction = values.Count(v => v == 0) / (double)values.Length;
        Assert.InRange(zeroFraction, 0.29, 0.31);
        Assert.All(values.Where(v => v != 0).Distinct(), v => Assert.Equal(1 / 0.7, v, 5));
        Assert.InRange(y.mean().ToDouble(), 0.99, 1.01);
    }

    [Fact]
    public void Dropout_is_reproducible_from_a_seed_and_off_outside_training()
    {
        var x = ones(50);
        TensorAssert.Close(F.dropout(x, generator: new Generator(4)), F.dropout(x, generator: new Generator(4)));
        Assert.False(F.dropout(x, generator: new Generator(4)).eq(F.dropout(x, generator: new Generator(5))).all().ToBoolean());
        manual_seed(9); var first = F.dropout(x);
        manual_seed(9); TensorAssert.Close(first, F.dropout(x));
        Assert.Same(x, F.dropout(x, 0.5, training: false));
        TensorAssert.Close(zeros(50), F.dropout(x, 1.0));
        TensorAssert.Throws<ArgumentException>(() => F.dropout(x, 1.5), "dropout", "[0, 1]", "1.5");
    }

    [Fact]
    public void Dropout2d_drops_whole_channels()
    {
        var y = F.dropout2d(ones(8, 16, 3, 3), 0.5, generator: new Generator(2));
        var planes = y.reshape(128, 9);
        var first = planes[.., 0].unsqueeze(1);
        TensorAssert.Close(first.expand(128, 9), planes);
        var dropped = first.eq(0).sum().ToInt64();
        Assert.InRange(dropped, 40, 88);
        TensorAssert.Throws<ArgumentException>(() => F.dropout2d(ones(2, 3), 0.5), "dropout2d", "[2,3]");
        var rows = F.dropout1d(ones(4, 6, 5), 0.5, generator: new Generator(3));
        TensorAssert.Close(rows[.., .., 0].unsqueeze(2).expand(4, 6, 5), rows);
    }

    // ---------------------------------------------------------------- normalisation

    [Fact]
    public void Batch_norm_moves_running_statistics_with_the_unbiased_variance()
    {
        var x = randn([5, 2, 3], new Generator(8)) * 2 + 1;
        var (rm, rv) = (zeros(2), ones(2));
        F.batch_norm(x, rm, rv, training: true, momentum: 0.1);
        var perChannel = x.transpose(0, 1).reshape(2, -1);
        TensorAssert.Close(perChannel.mean(1) * 0.1, rm);
        TensorAssert.Close(perChannel.var(1) * 0.1 + 0.9, rv);
    }

    [Fact]
    public void Batch_norm_normalises_in_training_and_uses_running_statistics_in_evaluation()
    {
        var x = randn([64, 3], new Generator(3)) * 3 + 2;
        var y = F.batch_norm(x, null, null, training: true);
        TensorAssert.Close(zeros(3), y.mean(0), atol: 1e-5);
        TensorAssert.Close(ones(3), y.var(0, unbiased: false), atol: 1e-3);
        var evaluated = F.batch_norm(x, full([3], 2.0), full([3], 9.0), eps: 0);
        TensorAssert.Close((x - 2) / 3, evaluated);
    }

    [Fact]
    public void Batch_norm_of_a_large_batch_far_from_zero_matches_a_double_precision_reference()
    {
        // 16 images of 4 channels 128x128, enough to be threaded over channels; a mean of 1000 against a spread of 0.5.
        int n = 16, c = 4, s = 128 * 128;
        var x = (randn([n, c, 128, 128], new Generator(11)) * 0.5 + 1000).requires_grad_();
        var r = randn([n, c, 128, 128], new Generator(12));
        var y = F.batch_norm(x, null, null, training: true, eps: 1e-5);
        (y * r).sum().backward();
        float[] xs = x.data<float>(), rs = r.data<float>(), ys = y.data<float>(), dxs = x.grad!.data<float>();
        for (int ch = 0; ch < c; ch++)
        {
            var at = Enumerable.Range(0, n).SelectMany(b => Enumerable.Range((b * c + ch) * s, s)).ToArray();
            double mu = at.Average(i => (double)xs[i]), inv = 1 / Math.Sqrt(at.Average(i => (xs[i] - mu) * (xs[i] - mu)) + 1e-5);
            double meanR = at.Average(i => (double)rs[i]), meanRX = at.Average(i => rs[i] * (xs[i] - mu) * inv);
            foreach (var i in at)
            {
                double xhat = (xs[i] - mu) * inv;
                Xunit.Assert.True(Math.Abs(ys[i] - xhat) < 2e-3, $"y at {i}: {ys[i]} vs {xhat}");
                double dx = inv * (rs[i] - meanR - xhat * meanRX);
                Xunit.Assert.True(Math.Abs(dxs[i] - dx) < 2e-3 * inv, $"dx at {i}: {dxs[i]} vs {dx}");
            }
        }
    }

    [Fact]
    public void Batch_norm_explains_bad_input()
    {
        TensorAssert.Throws<ArgumentException>(() => F.batch_norm(ones(1, 3), null, null, training: true), "more than 1 value per channel", "[1,3]");
        TensorAssert.Throws<ArgumentException>(() => F.batch_norm(ones(4, 3), null, null), "running_mean and running_var");
        TensorAssert.Throws<ArgumentException>(() => F.batch_norm(ones(4, 3), zeros(2), ones(3)), "running_mean [2]", "[3]");
    }

    [Fact]
    public void Layer_and_group_norm_explain_bad_shapes()
    {
        TensorAssert.Throws<ArgumentException>(() => F.layer_norm(ones(2, 3), [4]), "layer_norm", "[2,3]", "normalized_shape [4]");
        TensorAssert.Throws<ArgumentException>(() => F.layer_norm(ones(2, 4), [4], weight: ones(3)), "weight [3]");
        TensorAssert.Throws<ArgumentException>(() => F.group_norm(ones(2, 6, 3), 4), "group_norm", "6 channels", "4 groups");
    }

    [Fact]
    public void Group_norm_with_one_channel_per_group_is_instance_norm()
    {
        var x = randn([2, 3, 5], new Generator(6));
        var centred = x - x.mean(2, keepdim: true);
        var expected = centred / (x.var(2, keepdim: true, unbiased: false) + 1e-5).sqrt();
        TensorAssert.Close(expected, F.group_norm(x, 3));
    }

    [Fact]
    public void Layer_norm_of_rows_with_a_large_mean_and_a_small_spread_is_still_standardised()
    {
        // E[x²] − μ² would be ~1e8 − 1e8 here, all rounding; float32 holds 10000 + z itself to within 1e-3.
        var noise = randn([4, 256], new Generator(2));
        var y = F.layer_norm(noise + 10_000, [256]);
        TensorAssert.Close(zeros(4), y.mean([1]), atol: 5e-3);
        TensorAssert.Close(ones(4), y.std(1, unbiased: false), atol: 5e-3);
        TensorAssert.Close(F.layer_norm(noise, [256]), y, atol: 5e-3);
    }

    [Fact]
    public void Layer_norm_gradients_from_rows_shared_between_threads_match_the_composed_formula()
    {
        // Enough rows that the backward pass splits them into slices, each summing its own weight and bias gradients.
        var g = new Generator(9);
        var x = randn([512, 96], g).requires_grad_(); var w = randn([96], g).requires_grad_(); var b = randn([96], g).requires_grad_();
        var upstream = randn([512, 96], g);
        (F.layer_norm(x, [96], w, b) * upstream).sum().backward();
        var (dx, dw, db) = (x.grad!, w.grad!, b.grad!);
        x.grad = null; w.grad = null; b.grad = null;
        var mean = x.mean([1], keepdim: true);
        var variance = ((x - mean) * (x - mean)).mean([1], keepdim: true);
        (((x - mean) / (variance + 1e-5).sqrt() * w + b) * upstream).sum().backward();
        TensorAssert.Close(x.grad!, dx, atol: 1e-4, rtol: 1e-3);
        TensorAssert.Close(w.grad!, dw, atol: 1e-3, rtol: 1e-4);
        TensorAssert.Close(b.grad!, db, atol: 1e-3, rtol: 1e-4);
    }

    // ---------------------------------------------------------------- gumbel softmax

    [Fact]
    public void Gumbel_softmax_samples_classes_with_the_softmax_probabilities()
    {
        var logits = tensor(new[] { 0.2f, 0.3f, 0.5f }).log().expand(30_000, 3);
        var hard = F.gumbel_softmax(logits, hard: true, generator: new Generator(12));
        TensorAssert.Close(ones(30_000), hard.sum(1));
        Assert.True(hard.eq(0).logical_or(hard.eq(1)).all().ToBoolean());
        TensorAssert.Close(tensor(new[] { 0.2f, 0.3f, 0.5f }), hard.mean(0), atol: 0.01, rtol: 0);
    }

    [Fact]
    public void Hard_gumbel_softmax_passes_the_soft_gradient_straight_through()
    {
        var logits = randn([4, 5], new Generator(1));
        var w = randn([4, 5], new Generator(2));
        Tensor Grad(bool hard)
        {
            var x = logits.clone().requires_grad_();
            (F.gumbel_softmax(x, tau: 0.5, hard: hard, generator: new Generator(3)) * w).sum().backward();
            return x.grad!;
        }
        TensorAssert.Close(Grad(false), Grad(true));
        var soft = F.gumbel_softmax(logits, tau: 0.5, generator: new Generator(3));
        var hardSample = F.gumbel_softmax(logits, tau: 0.5, hard: true, generator: new Generator(3));
        TensorAssert.Close(soft.argmax(1), hardSample.argmax(1));
    }

    // ---------------------------------------------------------------- attention

    [Fact]
    public void Causal_attention_equals_a_lower_triangular_bool_mask()
    {
        var g = new Generator(4);
        var (q, k, v) = (randn([2, 5, 3], g), randn([2, 5, 3], g), randn([2, 5, 4], g));
        var tril = arange(5).unsqueeze(1) >= arange(5).unsqueeze(0);
        TensorAssert.Close(F.scaled_dot_product_attention(q, k, v, tril), F.scaled_dot_product_attention(q, k, v, is_causal: true));
        // The first query sees only the first key, so it returns the first value.
        TensorAssert.Close(v[.., 0], F.scaled_dot_product_attention(q, k, v, is_causal: true)[.., 0]);
    }

    [Fact]
    public void Attention_dropout_is_seeded()
    {
        var g = new Generator(4);
        var (q, k, v) = (randn([3, 4], g), randn([6, 4], g), randn([6, 2], g));
        var a = F.scaled_dot_product_attention(q, k, v, dropout_p: 0.5, generator: new Generator(1));
        TensorAssert.Close(a, F.scaled_dot_product_attention(q, k, v, dropout_p: 0.5, generator: new Generator(1)));
        Assert.False(a.eq(F.scaled_dot_product_attention(q, k, v)).all().ToBoolean());
    }

    [Fact]
    public void Attention_explains_bad_shapes_and_masks()
    {
        TensorAssert.Throws<ArgumentException>(() => F.scaled_dot_product_attention(ones(3, 4), ones(5, 3), ones(5, 2)), "[3,4]", "[5,3]", "[5,2]");
        TensorAssert.Throws<ArgumentException>(() => F.scaled_dot_product_attention(ones(3, 4), ones(5, 4), ones(5, 2), ones(3, 4)), "attn_mask [3,4]", "[3,5]");
        TensorAssert.Throws<ArgumentException>(() => F.scaled_dot_product_attention(ones(3, 4), ones(3, 4), ones(3, 2), ones(3, 3), is_causal: true), "attn_mask or is_causal");
    }
}
