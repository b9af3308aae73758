namespace SslCourse.Tests;

/// <summary>The built-in engine's course library as test notebooks load it with <c>#r "SslCourse.Engine.dll"</c> and <c>#r "SslCourse.dll"</c>.</summary>
public static class CourseLibrary
{
    /// <summary>Copies the engine and the course library into <paramref name="directory"/>, beside a test notebook.</summary>
    public static void CopyTo(string directory)
    {
        File.Copy(typeof(SslCourse.Tensor).Assembly.Location, Path.Combine(directory, "SslCourse.Engine.dll"));
        File.Copy(typeof(SslCourse.Course.Lesson).Assembly.Location, Path.Combine(directory, "SslCourse.dll"));
    }
}
