using System.Text.Json;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Ledger;

/// <summary>The RFC 6962 test vectors in <c>shared/merkle</c>: the eight reference leaves, and the proof files of transparency-dev/merkle.</summary>
public static class MerkleVectors
{
    public const string EnvironmentVariable = "STADTKERN_MERKLE_DATA";

    public static string Folder { get; } = SharedData.Locate("merkle", "rfc6962-reference-vectors.json", EnvironmentVariable);

    private static readonly Lazy<JsonDocument> Reference = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "rfc6962-reference-vectors.json"))));

    public static IReadOnlyList<byte[]> Leaves => [.. Reference.Value.RootElement.GetProperty("leafInputsHex").EnumerateArray().Select(e => Convert.FromHexString(e.GetString()!))];

    public static byte[] Root(int size) => Convert.FromHexString(Reference.Value.RootElement.GetProperty("rootsByTreeSize").EnumerateArray()
        .Single(r => r.GetProperty("treeSize").GetInt32() == size).GetProperty("rootHex").GetString()!);

    /// <summary>The proof files of one kind (<c>inclusion</c> or <c>consistency</c>), as (relative path, JSON) for theory data.</summary>
    public static TheoryData<string> Files(string kind)
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(Folder, "testdata", kind);
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Path.Combine(Folder, "testdata"), file));
        return data;
    }

    public static JsonElement Read(string relative) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "testdata", relative))).RootElement;

    public static byte[] Bytes(JsonElement file, string name) => Convert.FromBase64String(file.GetProperty(name).GetString() ?? "");

    public static List<byte[]> Proof(JsonElement file) =>
        file.GetProperty("proof").ValueKind == JsonValueKind.Null ? [] : [.. file.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!))];
}
