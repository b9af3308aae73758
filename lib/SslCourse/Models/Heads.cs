namespace SslCourse.Models;

/// <summary>
/// The small MLPs that SSL methods put after the encoder: projection heads (SimCLR, MoCo v2, BYOL, SimSiam) map features
/// to the space the loss compares, and prediction heads (BYOL, SimSiam) map one view's projection towards the other's.
/// The representation kept for downstream tasks is the encoder's output, before the head.
/// </summary>
public static class Heads
{
    /// <summary>
    /// input → hidden (→ hidden …) → output: <paramref name="layers"/> linear layers with BatchNorm (if
    /// <paramref name="batchNorm"/>) and ReLU between them. SimCLR and MoCo v2 use 2 layers without BatchNorm; BYOL 2
    /// with; SimSiam's projector 3 with, plus a BatchNorm after the last layer (<paramref name="normalizeOutput"/>).
    /// </summary>
    public static Sequential Mlp(int input, int hidden, int output, int layers = 2, bool batchNorm = false, bool normalizeOutput = false)
    {
        if (layers < 1) throw new ArgumentException($"Heads.Mlp: needs at least one layer, got {layers}.");
        var modules = new List<nn.Module<Tensor, Tensor>>();
        for (int i = 0; i < layers; i++)
        {
            int from = i == 0 ? input : hidden, to = i == layers - 1 ? output : hidden;
            bool last = i == layers - 1;
            // A BatchNorm right after a layer makes its bias redundant.
            modules.Add(nn.Linear(from, to, hasBias: !(last ? normalizeOutput : batchNorm)));
            if (last) break;
            if (batchNorm) modules.Add(nn.BatchNorm1d(to));
            modules.Add(nn.ReLU());
        }
        if (normalizeOutput) modules.Add(nn.BatchNorm1d(output));
        return nn.Sequential([.. modules]);
    }
}
