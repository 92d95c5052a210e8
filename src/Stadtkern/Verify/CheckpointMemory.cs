using System.Text.Json.Nodes;
using Stadtkern.Ledger;

namespace Stadtkern.Host.Verify;

/// <summary>
/// What <c>stadtkern verify</c> remembers between runs, per log origin: the verifier key seen first (trust on first use,
/// unless given) and the newest checkpoint verified, so that a later run detects a changed key, a fork or a rollback.
/// A JSON file, written atomically.
/// </summary>
public sealed class CheckpointMemory(string path)
{
    public static string DefaultPath =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "stadtkern", "verify-state.json");

    public string Path { get; } = path;

    public (string? Key, Checkpoint? Checkpoint) Recall(string origin)
    {
        if (Load()[origin] is not JsonObject seen) return (null, null);
        var checkpoint = seen["size"] is { } size && seen["root"] is { } root
            ? new Checkpoint(origin, size.GetValue<long>(), Convert.FromBase64String(root.GetValue<string>())) : null;
        return (seen["key"]?.GetValue<string>(), checkpoint);
    }

    public void Remember(string key, Checkpoint checkpoint)
    {
        var all = Load();
        all[checkpoint.Origin] = new JsonObject { ["key"] = key, ["size"] = checkpoint.Size, ["root"] = Convert.ToBase64String(checkpoint.Root) };
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, all.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, Path, overwrite: true);
    }

    private JsonObject Load() => File.Exists(Path) && JsonNode.Parse(File.ReadAllText(Path)) is JsonObject o ? o : [];
}
