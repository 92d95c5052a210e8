namespace Stadtkern.Tests.Support;

/// <summary>A fresh folder under the system temp directory, deleted (with everything in it, and its test database if any) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string purpose = "test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"stadtkern-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // A broker that ran on this folder with STADTKERN_TEST_STORE=postgres had its database: it goes with the folder.
        TestDatabases.Forget(Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail a test: the folder is in the temp directory.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: leave it for the temp cleaner.
        }
    }
}
