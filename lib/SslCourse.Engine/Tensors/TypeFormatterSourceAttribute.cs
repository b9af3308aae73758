namespace SslCourse;

// Compiled into each assembly that has displayable types (the engine and both builds of the course library): the
// convention matches the attribute by name, so each assembly declares its own, internal one.

/// <summary>
/// .NET Interactive's convention-based formatter hook, declared in our own assembly so that no package is needed:
/// Polyglot Notebooks finds an attribute with this exact name on a displayed value's type, creates
/// <see cref="FormatterSourceType"/>, calls its <c>CreateTypeFormatters()</c> and uses each result's <c>MimeType</c>,
/// <c>Type</c> and <c>Format(object, TextWriter)</c>. The course runner follows the same convention.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[]? PreferredMimeTypes { get; set; }
}

/// <summary>One formatter in the convention's shape: a MIME type, the type it formats and a Format method.</summary>
internal sealed class ConventionFormatter(Type type, string mimeType, Func<object, string?> render)
{
    public string MimeType { get; } = mimeType;
    public Type Type { get; } = type;

    public bool Format(object instance, TextWriter writer)
    {
        if (!Type.IsInstanceOfType(instance) || render(instance) is not { } text) return false;
        writer.Write(text);
        return true;
    }
}
