using System.Collections;
using System.Reflection;

namespace SslCourse.Runner.Notebooks;

/// <summary>
/// Turns a value into MIME outputs the way .NET Interactive does for types that declare a formatter by convention:
/// an attribute named TypeFormatterSourceAttribute whose FormatterSourceType has CreateTypeFormatters(), each
/// formatter exposing MimeType, Type and Format(object, TextWriter). Anything else is shown as text.
/// </summary>
public static class Formatting
{
    public static Dictionary<string, string> ToMime(object? value)
    {
        var result = new Dictionary<string, string>();
        if (value is null) { result["text/plain"] = "null"; return result; }
        foreach (var attribute in value.GetType().GetCustomAttributes(true).Where(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
        {
            if (attribute.GetType().GetProperty("FormatterSourceType")?.GetValue(attribute) is not Type sourceType) continue;
            var source = Activator.CreateInstance(sourceType, nonPublic: true);
            if (sourceType.GetMethod("CreateTypeFormatters")?.Invoke(source, null) is not IEnumerable formatters) continue;
            foreach (var formatter in formatters)
            {
                var type = formatter.GetType();
                if (type.GetProperty("MimeType")?.GetValue(formatter) is not string mime || result.ContainsKey(mime)) continue;
                if (type.GetProperty("Type")?.GetValue(formatter) is Type formatted && !formatted.IsInstanceOfType(value)) continue;
                using var writer = new StringWriter();
                if (type.GetMethod("Format", [typeof(object), typeof(TextWriter)])?.Invoke(formatter, [value, writer]) is true)
                    result[mime] = writer.ToString();
            }
        }
        if (!result.ContainsKey("text/plain")) result["text/plain"] = PlainText(value);
        return result;
    }

    static string PlainText(object value) => value switch
    {
        string s => s,
        IEnumerable e and not IDictionary => "[" + string.Join(", ", e.Cast<object?>().Take(100).Select(x => x?.ToString())) + "]",
        _ => value.ToString() ?? "",
    };

    /// <summary>True for either build of the course library (built-in engine or TorchSharp).</summary>
    public static bool IsCourseLibrary(Assembly assembly) => assembly.GetName().Name is "SslCourse" or "SslCourse.TorchSharp";

    /// <summary>Connects every loaded copy of the library to <paramref name="host"/> (Course.Notebook.Host); null disconnects.</summary>
    public static void AttachHost(Func<object, Action<object>>? host)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(IsCourseLibrary))
            assembly.GetType("SslCourse.Course.Notebook")?.GetProperty("Host", BindingFlags.Public | BindingFlags.Static)?.SetValue(null, host);
    }
}
