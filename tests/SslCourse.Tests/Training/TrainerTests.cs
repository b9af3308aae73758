using SslCourse.IO;
using SslCourse.Training;

namespace SslCourse.Tests.Training;

public class TrainerTests
{
    /// <summary>A small regression problem whose batches are reshuffled every epoch with the default generator.</summary>
    sealed class Problem
    {
        public readonly Tensor X = randn([64, 3], generator: new Generator(1));
        public Tensor Y => X.matmul(tensor(new float[] { 1, -2, 0.5f }, [3, 1])) + 0.3;

        public IEnumerable<(Tensor x, Tensor y)> Epoch(int epoch)
        {
            var order = randperm(64);   // draws from the default generator, which checkpoints save and restore
            for (int i = 0; i < 64; i += 16)
            {
                var idx = order.narrow(0, i, 16);
                yield return (X.index_select(0, idx), Y.index_select(0, idx));
            }
        }
    }

    static (Sequential model, optim.Optimizer opt, optim.lr_scheduler.LRScheduler sched) Fresh()
    {
        manual_seed(7);
        var model = Sequential(Linear(3, 8), Tanh(), Dropout(0.1), Linear(8, 1));
        var opt = optim.Adam(model.parameters(), lr: 0.05);
        return (model, opt, optim.lr_scheduler.StepLR(opt, 5, 0.5));
    }

    static Tensor Loss(Sequential model, (Tensor x, Tensor y) b) => functional.mse_loss(model.forward(b.x), b.y);

    [Fact]
    public void TrainingLowersTheLossAndRecordsHistoryAndProgress()
    {
        var problem = new Problem();
        var (model, opt, sched) = Fresh();
        var reports = new List<TrainingProgress>();
        var trainer = new Trainer(model, opt, sched) { Progress = new Progress(reports) };
        var history = trainer.Fit(6, problem.Epoch, b => Loss(model, b),
            evaluate: _ => new Dictionary<string, double> { ["val"] = functional.mse_loss(model.forward(problem.X), problem.Y).ToDouble() },
            batchSize: b => b.x.shape[0]);
        Xunit.Assert.Equal(24, history.StepLoss.Count);
        Xunit.Assert.Equal(6, history.Epochs["loss"].Count);
        Xunit.Assert.True(history.Epochs["val"][^1] < history.Epochs["val"][0] / 4, "validation loss fell");
        Xunit.Assert.Equal(24, reports.Count);
        Xunit.Assert.True(reports[^1].Done);
        Xunit.Assert.Equal(0, reports[0].StepsPerEpoch);   // a lazy sequence: unknown until the first epoch ends
        Xunit.Assert.StartsWith("epoch 1/6  step 1  loss", reports[0].ToString());
        Xunit.Assert.Equal(4, reports[^1].StepsPerEpoch);
        Xunit.Assert.Contains("epoch 6/6", reports[^1].ToString());
        Xunit.Assert.True(model.training, "the model is back in training mode after evaluation");
    }

    sealed class Progress(List<TrainingProgress> into) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => into.Add(value);
    }

    [Fact]
    public void ANaNLossStopsTrainingWithTheStepAndLeavesTheWeightsAlone()
    {
        var (model, opt, sched) = Fresh();
        var before = model.parameters().Select(p => p.clone()).ToList();
        var trainer = new Trainer(model, opt, sched);
        int calls = 0;
        var e = Xunit.Assert.Throws<TrainingDivergedException>(() => trainer.Fit(1, _ => Enumerable.Range(0, 5).ToList(),
            i => ++calls == 3 ? model.forward(ones(1, 3)).sum() * float.NaN : model.forward(ones(1, 3)).sum() * 0));
        Xunit.Assert.Contains("NaN at epoch 1, step 3", e.Message);
        Xunit.Assert.Contains("learning rate", e.Message);
        foreach (var (b, a) in before.Zip(model.parameters())) TensorAssert.Close(b, a, 0);  // zero losses moved nothing either
    }

    [Fact]
    public void AnInterruptedRunResumesToTheSameWeightsAsAnUninterruptedOne()
    {
        var problem = new Problem();
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var (m1, o1, s1) = Fresh();
            new Trainer(m1, o1, s1).Fit(6, problem.Epoch, b => Loss(m1, b));

            // The same run, killed in the middle of epoch 4 after three epochs were checkpointed...
            var checkpoint = Path.Combine(dir, "run.safetensors");
            var (m2, o2, s2) = Fresh();
            int steps = 0;
            Xunit.Assert.Throws<OperationCanceledException>(() => new Trainer(m2, o2, s2) { CheckpointPath = checkpoint }
                .Fit(6, problem.Epoch, b => ++steps == 14 ? throw new OperationCanceledException("killed") : Loss(m2, b)));

            // ...and started again from scratch in a new process, which finds the checkpoint and carries on.
            var (m3, o3, s3) = Fresh();
            randn(100);   // whatever the new process drew before does not matter: the checkpoint restores the generator
            var history = new Trainer(m3, o3, s3) { CheckpointPath = checkpoint }.Fit(6, problem.Epoch, b => Loss(m3, b));
            Xunit.Assert.Equal(6, history.Epochs["loss"].Count);
            Xunit.Assert.Equal(24, history.StepLoss.Count);
            foreach (var ((name, a), (_, b)) in m1.named_parameters().Zip(m3.named_parameters()))
                Xunit.Assert.True(a.data<float>().SequenceEqual(b.data<float>()), $"{name} differs after resuming");
            Xunit.Assert.Equal(s1.get_last_lr(), s3.get_last_lr());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ACheckpointPathHoldingSomethingElseIsRefusedClearly()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var path = Path.Combine(dir, "weights.safetensors");
            var (model, opt, sched) = Fresh();
            model.SaveSafetensors(path);
            var e = Xunit.Assert.Throws<InvalidDataException>(() => new Trainer(model, opt, sched) { CheckpointPath = path }.Fit(1, _ => new[] { 1 }, _ => model.forward(ones(1, 3)).sum()));
            Xunit.Assert.Contains("not a training checkpoint", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ANaNMetricIsKeptInTheHistoryThroughACheckpoint()
    {
        var problem = new Problem();
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var path = Path.Combine(dir, "run.safetensors");
            var metrics = (int epoch) => new Dictionary<string, double> { ["nmi"] = epoch == 1 ? double.NaN : 0.5, ["ratio"] = double.PositiveInfinity };
            var (m1, o1, s1) = Fresh();
            new Trainer(m1, o1, s1) { CheckpointPath = path }.Fit(2, problem.Epoch, b => Loss(m1, b), metrics);
            var (m2, o2, s2) = Fresh();
            var history = new Trainer(m2, o2, s2) { CheckpointPath = path }.Fit(3, problem.Epoch, b => Loss(m2, b), metrics);
            Xunit.Assert.Equal([double.NaN, 0.5, 0.5], history.Epochs["nmi"]);
            Xunit.Assert.Equal(3, history.Epochs["ratio"].Count(double.IsPositiveInfinity));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void AnEpochWithoutBatchesIsAClearError()
    {
        var (model, opt, sched) = Fresh();
        var batches = new List<(Tensor x, Tensor y)>().Select(b => b);   // e.g. a dataset smaller than one batch, with drop_last
        var e = Xunit.Assert.Throws<InvalidOperationException>(() => new Trainer(model, opt, sched).Fit(2, _ => batches, b => Loss(model, b)));
        Xunit.Assert.Contains("epoch 1 gave no batches", e.Message);
    }

    [Theory]
    [InlineData("rng"), InlineData("history"), InlineData("scheduler")]
    public void ACheckpointMissingAnEntryIsRefusedByNameAndLeavesTheModelAlone(string entry)
    {
        var problem = new Problem();
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var path = Path.Combine(dir, "run.safetensors");
            var (m1, o1, s1) = Fresh();
            new Trainer(m1, o1, s1) { CheckpointPath = path }.Fit(1, problem.Epoch, b => Loss(m1, b));
            var (tensors, metadata) = SafetensorsReader.LoadWithMetadata(path);
            tensors.Remove(entry);
            metadata.Remove(entry);
            SafetensorsWriter.Save(path, tensors, metadata);

            var (m2, o2, s2) = Fresh();
            var before = m2.parameters().Select(p => p.clone()).ToList();
            var e = Xunit.Assert.Throws<InvalidDataException>(() => new Trainer(m2, o2, s2) { CheckpointPath = path }.Fit(2, problem.Epoch, b => Loss(m2, b)));
            Xunit.Assert.Contains($"without its '{entry}' entry", e.Message);
            foreach (var (b, a) in before.Zip(m2.parameters())) TensorAssert.Close(b, a, 0);
        }
        finally { Directory.Delete(dir, true); }
    }
}
