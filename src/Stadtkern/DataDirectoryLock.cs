namespace Stadtkern.Host;

/// <summary>
/// Holds a data directory for one process, so that a second server, or <c>stadtkern import --data</c> while a server runs,
/// is refused with a clear message instead of writing the same store and lake (an OS file lock, released even on a crash).
/// </summary>
internal sealed class DataDirectoryLock(FileStream file) : IDisposable
{
    public const string FileName = "stadtkern.lock";

    public static DataDirectoryLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        try
        {
            return new DataDirectoryLock(new FileStream(Path.Combine(directory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new InvalidOperationException(
                $"The data directory {Path.GetFullPath(directory)} is in use by another Stadtkern process (a running server?); stop it, or import with --url.");
        }
    }

    public void Dispose() => file.Dispose();
}
