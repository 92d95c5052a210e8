using System.Globalization;

namespace Stadtkern.Ledger;

/// <summary>A C2SP tlog checkpoint: the log's origin, its size and its root hash, as the text of a signed note.</summary>
public sealed record Checkpoint(string Origin, long Size, byte[] Root)
{
    public string Text() => string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{Size}\n{Convert.ToBase64String(Root)}\n");

    /// <summary>Reads a checkpoint's text (extension lines after the root are allowed and ignored).</summary>
    public static bool TryParse(string text, out Checkpoint checkpoint)
    {
        checkpoint = new Checkpoint("", 0, []);
        var lines = text.Split('\n');
        if (lines.Length < 4 || lines[0].Length == 0) return false;
        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)) return false;
        try
        {
            var root = Convert.FromBase64String(lines[2]);
            if (root.Length != MerkleHash.Size) return false;
            checkpoint = new Checkpoint(lines[0], size, root);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
