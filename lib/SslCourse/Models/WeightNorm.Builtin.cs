namespace SslCourse.Models;

public sealed partial class WeightNorm
{
    // The built-in engine's Conv1d pads with zeros only.
    static PaddingModes PaddingModeOf(Conv1d module) => PaddingModes.Zeros;
}
