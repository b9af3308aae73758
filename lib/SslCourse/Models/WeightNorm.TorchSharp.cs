namespace SslCourse.Models;

public sealed partial class WeightNorm
{
    static PaddingModes PaddingModeOf(Conv1d module) => module.padding_mode;
}
