namespace Stadtkern.Tests.Support;

/// <summary>
/// Public data files (schemas, test vectors) live in the shared folder beside the repository, never copied into it. A
/// folder is found from its environment variable, or by walking up from the test binaries and the working directory to
/// a folder that has <c>shared/{name}</c>.
/// </summary>
public static class SharedData
{
    /// <param name="name">The folder below <c>shared/</c> (<c>cap</c>, <c>merkle</c>).</param>
    /// <param name="marker">A file the folder must hold, relative to it.</param>
    /// <param name="environmentVariable">The variable that names the folder for runs outside a checkout.</param>
    public static string Locate(string name, string marker, string environmentVariable)
    {
        if (Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } configured)
            return File.Exists(Path.Combine(configured, marker))
                ? configured
                : throw new DirectoryNotFoundException($"{environmentVariable}='{configured}' has no {marker}.");
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "shared", name, marker)))
                    return Path.Combine(dir.FullName, "shared", name);
        throw new DirectoryNotFoundException(
            $"shared/{name} was not found: set {environmentVariable} to the folder holding {marker}, or run from below a folder that has shared/{name}.");
    }
}
