namespace SslCourse.Eval;

/// <summary>
/// The linear probe of the SSL evaluation protocol: multinomial logistic regression trained on frozen features.
/// Features are standardised with the training split's statistics; a held-out validation split picks the best epoch
/// (highest validation accuracy, ties broken by lower validation loss) and stops training once it stops improving.
/// Training is Adam (torch.optim) on the cross-entropy plus an L2 penalty on the weights.
/// </summary>
/// <example><code>
/// var probe = new LinearProbe(generator: new torch.Generator(0)).Fit(trainFeatures, trainLabels);
/// double accuracy = probe.Score(testFeatures, testLabels);
/// </code></example>
public sealed class LinearProbe
{
    const double Beta1 = 0.9, Beta2 = 0.999, AdamEpsilon = 1e-8;
    readonly torch.Generator? _generator;
    Tensor? _weight, _bias, _mean, _std;
    readonly List<double> _trainLoss = [], _validationAccuracy = [];

    /// <summary>
    /// A probe trained for at most <paramref name="epochs"/> epochs of Adam, its step decaying from <paramref name="learningRate"/> to 0 along a cosine, with L2
    /// penalty <paramref name="weightDecay"/> on the weights, in mini-batches of <paramref name="batchSize"/> (full batch
    /// when null). <paramref name="validationFraction"/> of the samples are held out to pick the best epoch (none when 0);
    /// training stops after <paramref name="patience"/> epochs without improvement (never when 0). Shuffles and the split
    /// draw from <paramref name="generator"/> (the default generator when null).
    /// </summary>
    public LinearProbe(double weightDecay = 1e-4, double learningRate = 0.01, int epochs = 100, int? batchSize = 256,
        double validationFraction = 0.1, int patience = 0, torch.Generator? generator = null)
    {
        if (weightDecay < 0) throw new ArgumentOutOfRangeException(nameof(weightDecay), $"LinearProbe: weightDecay must be non-negative, got {weightDecay}.");
        if (!(learningRate > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), $"LinearProbe: learningRate must be positive, got {learningRate}.");
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), $"LinearProbe: epochs must be at least 1, got {epochs}.");
        if (batchSize is < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"LinearProbe: batchSize must be at least 1, got {batchSize}.");
        if (!(validationFraction >= 0 && validationFraction < 1)) throw new ArgumentOutOfRangeException(nameof(validationFraction), $"LinearProbe: validationFraction must be in [0, 1), got {validationFraction}.");
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), $"LinearProbe: patience must be non-negative, got {patience}.");
        (WeightDecay, LearningRate, Epochs, BatchSize, ValidationFraction, Patience, _generator) =
            (weightDecay, learningRate, epochs, batchSize, validationFraction, patience, generator);
    }

    /// <summary>The L2 penalty on the weights.</summary>
    public double WeightDecay { get; }
    /// <summary>Adam's step size.</summary>
    public double LearningRate { get; }
    /// <summary>The most epochs trained.</summary>
    public int Epochs { get; }
    /// <summary>Samples per step; null for full batch.</summary>
    public int? BatchSize { get; }
    /// <summary>The fraction of samples held out for validation.</summary>
    public double ValidationFraction { get; }
    /// <summary>Epochs without validation improvement before stopping; 0 never stops early.</summary>
    public int Patience { get; }

    /// <summary>The number of classes.</summary>
    public int NumClasses { get; private set; }
    /// <summary>The weights [C, D], acting on standardised features.</summary>
    public Tensor Weight => _weight ?? throw EvalInput.NotFitted("LinearProbe.Weight");
    /// <summary>The biases [C].</summary>
    public Tensor Bias => _bias ?? throw EvalInput.NotFitted("LinearProbe.Bias");
    /// <summary>The epoch (1-based) whose weights were kept.</summary>
    public int BestEpoch { get; private set; }
    /// <summary>The validation accuracy of the kept weights (NaN without a validation split).</summary>
    public double BestValidationAccuracy { get; private set; } = double.NaN;
    /// <summary>The mean training loss of every epoch run.</summary>
    public IReadOnlyList<double> TrainLoss => _trainLoss;
    /// <summary>The validation accuracy after every epoch run (empty without a validation split).</summary>
    public IReadOnlyList<double> ValidationAccuracy => _validationAccuracy;

    /// <summary>
    /// Trains on <paramref name="features"/> [N, D] and <paramref name="labels"/> [N] (classes 0 … C−1, C from
    /// <paramref name="numClasses"/> or the largest label); returns this probe.
    /// </summary>
    public LinearProbe Fit(Tensor features, Tensor labels, int? numClasses = null)
    {
        const string op = "LinearProbe.Fit";
        EvalInput.Features(features, op);
        var y = EvalInput.Labels(labels, features.Dims()[0], op);
        NumClasses = EvalInput.ClassCount(y, numClasses, op);
        var (n, d) = (features.Dims()[0], features.Dims()[1]);
        int validationCount = (int)(n * ValidationFraction);
        if (n - validationCount < 1) throw new ArgumentException($"{op}: no samples are left to train on after holding out {validationCount} of {n}.");
        _trainLoss.Clear(); _validationAccuracy.Clear();
        BestValidationAccuracy = double.NaN;

        using var scope = torch.NewDisposeScope();
        // The split is drawn on the CPU, where the generator is; the probe trains on the features' device.
        var order = torch.randperm(n, generator: _generator).to(features.device);
        var targets = labels.to(features.device);
        var trainIdx = order.narrow(0, validationCount, n - validationCount);
        var trainX = features.detach().index_select(0, trainIdx);
        var trainY = targets.index_select(0, trainIdx);
        using (torch.no_grad())
        {
            _mean = trainX.mean([0]).DetachFromDisposeScope();
            var std = trainX.std(0, unbiased: false);
            _std = torch.where(std > 1e-12, std, torch.ones_like(std)).DetachFromDisposeScope();  // a constant feature is left unscaled
        }
        trainX = Standardize(trainX);
        Tensor? valX = null, valY = null;
        if (validationCount > 0)
        {
            var valIdx = order.narrow(0, 0, validationCount);
            valX = Standardize(features.detach().index_select(0, valIdx));
            valY = targets.index_select(0, valIdx);
        }
        var (weight, bias) = Train(trainX, trainY, valX, valY, d);
        _weight = weight.DetachFromDisposeScope();
        _bias = bias.DetachFromDisposeScope();
        return this;
    }

    (Tensor weight, Tensor bias) Train(Tensor x, Tensor y, Tensor? valX, Tensor? valY, int d)
    {
        var w = torch.nn.Parameter(torch.zeros([NumClasses, d], device: x.device));
        var b = torch.nn.Parameter(torch.zeros([NumClasses], device: x.device));
        var adam = torch.optim.Adam([w, b], lr: LearningRate, beta1: Beta1, beta2: Beta2, eps: AdamEpsilon);
        // The step size decays to zero over the epochs (cosine), as linear-evaluation protocols do: a large step finds
        // the region fast, a small one settles in it, whatever the feature dimension.
        var schedule = torch.optim.lr_scheduler.CosineAnnealingLR(adam, Epochs);
        (Tensor w, Tensor b)? best = null;
        double bestLoss = double.PositiveInfinity;
        int n = x.Dims()[0], batch = BatchSize is int bs ? Math.Min(bs, n) : n, sinceBest = 0;
        for (int epoch = 1; epoch <= Epochs; epoch++)
        {
            var shuffled = (batch < n ? torch.randperm(n, generator: _generator) : torch.arange(n)).to(x.device);
            double lossSum = 0;
            for (int start = 0; start < n; start += batch)
            {
                using var stepScope = torch.NewDisposeScope();
                var idx = shuffled.narrow(0, start, Math.Min(batch, n - start));
                var loss = CrossEntropy(Logits(x.index_select(0, idx), w, b), y.index_select(0, idx));
                adam.zero_grad();
                // The L2 penalty on the weights only: (weightDecay / 2)·‖w‖² adds weightDecay·w to their gradient, as
                // Adam's weight_decay would. The recorded loss is the cross-entropy alone.
                (loss + WeightDecay / 2 * w.square().sum()).backward();
                lossSum += loss.ToDouble() * idx.shape[0];
                adam.step();
            }
            schedule.step();
            _trainLoss.Add(lossSum / n);
            if (valX is null || valY is null) continue;

            using var evalScope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var valLogits = Logits(valX, w, b);
            double accuracy = Metrics.Accuracy(valLogits, valY), valLoss = CrossEntropy(valLogits, valY).ToDouble();
            _validationAccuracy.Add(accuracy);
            if (best is null || accuracy > BestValidationAccuracy || (accuracy == BestValidationAccuracy && valLoss < bestLoss))
            {
                best = (w.detach().clone().MoveToOuterDisposeScope(), b.detach().clone().MoveToOuterDisposeScope());
                (BestValidationAccuracy, bestLoss, BestEpoch, sinceBest) = (accuracy, valLoss, epoch, 0);
            }
            else if (Patience > 0 && ++sinceBest >= Patience) break;
        }
        if (best is null) BestEpoch = _trainLoss.Count;
        return best ?? (w.detach(), b.detach());
    }

    /// <summary>The class scores [M, C] of <paramref name="features"/> [M, D].</summary>
    public Tensor Logits(Tensor features)
    {
        EvalInput.FeatureWidth(features, Weight.Dims()[1], "LinearProbe.Logits");
        using var noGrad = torch.no_grad();
        return Logits(Standardize(features), Weight, Bias);
    }

    /// <summary>The predicted class (int64 [M]) of each row of <paramref name="features"/>.</summary>
    public Tensor Predict(Tensor features) => Logits(features).argmax(1);

    /// <summary>The accuracy of <see cref="Predict"/> against <paramref name="labels"/>.</summary>
    public double Score(Tensor features, Tensor labels) => Metrics.Accuracy(Logits(features), labels);

    Tensor Standardize(Tensor x) => (x - _mean!) / _std!;

    static Tensor Logits(Tensor x, Tensor w, Tensor b) => x.matmul(w.t()) + b;

    static Tensor CrossEntropy(Tensor logits, Tensor labels) => torch.nn.functional.cross_entropy(logits, labels);
}
