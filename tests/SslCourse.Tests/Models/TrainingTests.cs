using SslCourse.Data;
using SslCourse.Data.Augment;
using SslCourse.Models;

namespace SslCourse.Tests.Models;

/// <summary>A few dozen Adam steps on a handful of digits make each model's loss fall clearly: the pieces are wired to learn.</summary>
public class TrainingTests
{
    static (double first, double last) Train(torch.nn.Module model, Func<Tensor> loss, int steps = 40, double lr = 3e-3)
    {
        torch.manual_seed(1);
        var adam = torch.optim.Adam(model.parameters(), lr: lr);
        double first = double.NaN, last = double.NaN;
        for (int i = 0; i < steps; i++)
        {
            using var scope = torch.NewDisposeScope();
            adam.zero_grad();
            var value = loss();
            value.backward();
            adam.step();
            last = value.ToDouble();
            if (i == 0) first = last;
        }
        return (first, last);
    }

    public static TheoryData<string> Models => new() { "mlp-ae", "conv-ae", "vae", "vq-vae", "rotation" };

    [Theory, MemberData(nameof(Models))]
    public void LossFallsWithinAFewSteps(string name)
    {
        var digits = SyntheticDigits.Load(64).Images;   // made outside the training steps' dispose scopes
        (double first, double last) loss;
        switch (name)
        {
            case "mlp-ae": { var m = new MlpAutoencoder(784, [64], 16); loss = Train(m, () => F.mse_loss(m.forward(digits), digits)); break; }
            case "conv-ae": { var m = new ConvAutoencoder(1, 28, 16, width: 8); loss = Train(m, () => F.mse_loss(m.forward(digits), digits)); break; }
            case "vae": { var m = new Vae([1, 28, 28], [64], 8); loss = Train(m, () => m.loss(digits).total); break; }
            case "vq-vae": { var m = new VqVae(1, 28, 16, 4, width: 8); loss = Train(m, () => m.loss(digits).total); break; }
            default:
            {
                var m = new RotationNet(new SmallConvEncoder(1, 4));
                var (x, y) = RandomRightAngleRotation.all_rotations(digits[..16]);
                loss = Train(m, () => F.cross_entropy(m.forward(x), y), steps: 30);
                break;
            }
        }
        var (first, last) = loss;
        Assert.True(last < 0.7 * first, $"{name}: loss {first:0.####} → {last:0.####}");
    }
}
