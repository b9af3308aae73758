namespace SslCourse.Data;

/// <summary>
/// A real dataset could not be made available: offline, a server error, or a file whose checksum did not match.
/// The message says what failed for every URL tried and how to fetch the files by hand.
/// </summary>
public sealed class DatasetUnavailableException(string message) : Exception(message);
