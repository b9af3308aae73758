namespace SslCourse.Models;

/// <summary>The target networks of MoCo and BYOL: copies that learn only by moving average, never by gradient.</summary>
static class MomentumCopy
{
    /// <summary>Makes <paramref name="target"/> equal to <paramref name="online"/> and takes it out of gradient descent.</summary>
    public static void Start(nn.Module target, nn.Module online)
    {
        target.load_state_dict(online.state_dict());
        foreach (var p in target.parameters()) p.requires_grad = false;
    }
}
