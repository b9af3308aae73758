using SslCourse.Eval;

namespace SslCourse.Tests.Eval;

public class LinearProbeTests
{
    [Fact]
    public void SeparableFeaturesAreClassifiedPerfectly()
    {
        var (x, y, _) = Blobs.Make(classes: 10, perClass: 50, dims: 32, separation: 1, noise: 0.3, seed: 7);
        var probe = new LinearProbe(generator: new torch.Generator(0)).Fit(x.narrow(0, 0, 400), y.narrow(0, 0, 400));

        Assert.Equal(1.0, probe.Score(x.narrow(0, 400, 100), y.narrow(0, 400, 100)));
        Assert.Equal(1.0, probe.BestValidationAccuracy);
        Assert.Equal(10, probe.NumClasses);
        Assert.True(probe.TrainLoss[^1] < probe.TrainLoss[0] / 5, $"training loss fell only from {probe.TrainLoss[0]} to {probe.TrainLoss[^1]}");
    }

    [Fact]
    public void RandomLabelsGiveChanceAccuracyOnTestData()
    {
        var g = new torch.Generator(2);
        var x = randn([1000, 16], generator: g);
        var y = Blobs.RandomLabels(1000, 4, seed: 3);
        var probe = new LinearProbe(generator: new torch.Generator(1)).Fit(x.narrow(0, 0, 600), y.narrow(0, 0, 600));
        // Chance is 0.25; the standard error of an accuracy on 400 samples is about 0.02.
        Assert.InRange(probe.Score(x.narrow(0, 600, 400), y.narrow(0, 600, 400)), 0.17, 0.33);
    }

    [Fact]
    public void ConvergesToTheRegularisedLogisticRegressionOptimum()
    {
        var x = tensor(new float[] { 0, 1, 1, 2, 2, 0.5f, 3, 3, 0.5f, -1, 2.5f, 1.5f, 1.5f, -0.5f, -1, 0 }, [8, 2]);
        var y = tensor(new long[] { 0, 1, 2, 1, 0, 2, 2, 0 });
        var probe = new LinearProbe(weightDecay: 0.1, learningRate: 0.01, epochs: 3000, batchSize: null,
            validationFraction: 0, patience: 0, generator: new torch.Generator(0)).Fit(x, y);
        // The minimiser of mean cross-entropy + 0.1/2 ‖W‖² on standardised features, found with NumPy by gradient
        // descent to a gradient of 1e-16 (scikit-learn's LogisticRegression(C=1/(0.1·8)) solves the same problem).
        var expectedW = tensor(new float[] { -1.042814f, -0.52322f, 0.154166f, 1.064218f, 0.888647f, -0.540998f }, [3, 2]);
        TensorAssert.Close(expectedW, probe.Weight, atol: 2e-3, rtol: 0);
        var expectedP = tensor(new float[] { 0.676058f, 0.176481f, 0.147461f, 0.225293f, 0.547115f, 0.227592f, 0.147301f, 0.138547f, 0.714152f,
            0.012208f, 0.719454f, 0.268338f, 0.658081f, 0.021814f, 0.320105f, 0.059604f, 0.322913f, 0.617483f,
            0.291357f, 0.047577f, 0.661066f, 0.930097f, 0.026099f, 0.043803f }, [8, 3]);
        var logits = probe.Logits(x);
        TensorAssert.Close(expectedP, (logits - logits.logsumexp(1, keepdim: true)).exp(), atol: 1e-3, rtol: 0);
        Assert.Equal(3000, probe.BestEpoch);
        Assert.Empty(probe.ValidationAccuracy);
    }

    [Fact]
    public void KeepsTheBestValidationEpochAndStopsEarly()
    {
        var g = new torch.Generator(4);
        var x = randn([200, 50], generator: g);
        var y = Blobs.RandomLabels(200, 3, seed: 5);
        var probe = new LinearProbe(epochs: 200, patience: 5, validationFraction: 0.25, generator: new torch.Generator(0)).Fit(x, y);
        Assert.Equal(probe.ValidationAccuracy.Max(), probe.BestValidationAccuracy);
        Assert.Equal(probe.ValidationAccuracy[probe.BestEpoch - 1], probe.BestValidationAccuracy);
        Assert.True(probe.TrainLoss.Count < 200, "random labels should stop improving validation accuracy early");
        Assert.Equal(probe.BestEpoch + 5, probe.TrainLoss.Count);
    }

    [Fact]
    public void SeededFitsRepeat()
    {
        var (x, y, _) = Blobs.Make(classes: 3, perClass: 30, dims: 4, separation: 1, noise: 1, seed: 1);
        var a = new LinearProbe(epochs: 5, batchSize: 16, generator: new torch.Generator(8)).Fit(x, y);
        var b = new LinearProbe(epochs: 5, batchSize: 16, generator: new torch.Generator(8)).Fit(x, y);
        TensorAssert.Close(a.Weight, b.Weight, atol: 0);
        TensorAssert.Close(a.Bias, b.Bias, atol: 0);
    }

    [Fact]
    public void RejectsBadInput()
    {
        TensorAssert.Throws<ArgumentException>(() => new LinearProbe().Fit(randn(4, 2), tensor(new long[] { 0, 1 })), "LinearProbe.Fit", "[2]", "4 samples");
        TensorAssert.Throws<ArgumentException>(() => new LinearProbe().Fit(randn(4, 2), ones(4)), "LinearProbe.Fit", "int64", "float32");
        TensorAssert.Throws<ArgumentException>(() => new LinearProbe().Fit(randn(2, 2), tensor(new long[] { 0, 3 }), numClasses: 2), "LinearProbe.Fit", "label 3", "2 classes");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new LinearProbe(validationFraction: 1), "validationFraction");
        TensorAssert.Throws<InvalidOperationException>(() => new LinearProbe().Predict(randn(2, 2)), "LinearProbe.Weight", "Fit");
        var probe = new LinearProbe(epochs: 1).Fit(randn(20, 3), Blobs.RandomLabels(20, 2, seed: 0));
        TensorAssert.Throws<ArgumentException>(() => probe.Score(randn(5, 4), tensor(new long[5])), "LinearProbe.Logits", "[5,4]", "fitted on 3");
    }
}
