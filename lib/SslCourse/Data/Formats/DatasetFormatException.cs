namespace SslCourse.Data;

/// <summary>A dataset file is not in the format it should be (truncated, corrupt, or another file altogether).</summary>
public sealed class DatasetFormatException(string message, Exception? inner = null) : Exception(message, inner)
{
    internal static DatasetFormatException In(string source, string problem) =>
        new($"{source}: {problem}. The file is damaged or not what its name says; delete it and fetch it again " +
            "(dotnet run --project lib/SslCourse.Runner -- fetch NAME).");
}
