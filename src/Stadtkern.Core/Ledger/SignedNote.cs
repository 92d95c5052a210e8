using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Stadtkern.Ledger;

/// <summary>
/// A note signed in the C2SP signed-note form: the text (every line ending in a newline), a blank line, then one line per
/// signature, <c>— name base64(key id ‖ Ed25519 signature)</c>, where the key id is the first four bytes of
/// SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key). Verifier keys are written <c>name+hex(key id)+base64(0x01 ‖ public key)</c>.
/// </summary>
public static class SignedNote
{
    private const string Dash = "\u2014 ";
    private const byte Ed25519Type = 0x01;
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    public static string Sign(string text, string name, Key key)
    {
        ValidateName(name);
        if (text.Length == 0 || !text.EndsWith('\n') || text.Contains("\n\n", StringComparison.Ordinal))
            throw new ArgumentException("A note's text is one or more lines, each ending in a newline, none empty.", nameof(text));
        var signature = Algorithm.Sign(key, Encoding.UTF8.GetBytes(text));
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        return text + "\n" + Dash + name + " " + Convert.ToBase64String([.. KeyId(name, publicKey), .. signature]) + "\n";
    }

    /// <summary>The verifier key string of a signing key.</summary>
    public static string VerifierKey(string name, PublicKey key)
    {
        ValidateName(name);
        var raw = key.Export(KeyBlobFormat.RawPublicKey);
        return $"{name}+{Convert.ToHexStringLower(KeyId(name, raw))}+{Convert.ToBase64String([Ed25519Type, .. raw])}";
    }

    /// <summary>The text of a note when it carries a valid signature by <paramref name="verifierKey"/>; otherwise a reason why not.</summary>
    public static bool TryVerify(string note, string verifierKey, out string text, out string reason)
    {
        text = "";
        if (!TryReadVerifier(verifierKey, out var name, out var id, out var publicKey, out reason)) return false;
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            reason = "the note has no signature block";
            return false;
        }
        var body = note[..(split + 1)];
        foreach (var line in note[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith(Dash, StringComparison.Ordinal)) continue;
            var parts = line[Dash.Length..].Split(' ');
            if (parts.Length != 2 || parts[0] != name) continue;
            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(parts[1]);
            }
            catch (FormatException)
            {
                continue;
            }
            if (blob.Length != 4 + Algorithm.SignatureSize || !blob.AsSpan(0, 4).SequenceEqual(id)) continue;
            if (Algorithm.Verify(publicKey, Encoding.UTF8.GetBytes(body), blob.AsSpan(4)))
            {
                text = body;
                return true;
            }
            reason = $"the signature of '{name}' does not match the note";
            return false;
        }
        reason = $"the note is not signed by '{name}'";
        return false;
    }

    private static bool TryReadVerifier(string verifierKey, out string name, out byte[] id, out PublicKey key, out string reason)
    {
        (name, id, key, reason) = ("", [], null!, "");
        var parts = verifierKey.Trim().Split('+', 3);
        if (parts.Length != 3)
        {
            reason = "the verifier key is not name+keyid+key";
            return false;
        }
        try
        {
            name = parts[0];
            id = Convert.FromHexString(parts[1]);
            var raw = Convert.FromBase64String(parts[2]);
            if (raw.Length != 33 || raw[0] != Ed25519Type || id.Length != 4 || !id.AsSpan().SequenceEqual(KeyId(name, raw.AsSpan(1))))
            {
                reason = "the verifier key is not a consistent Ed25519 key";
                return false;
            }
            key = PublicKey.Import(Algorithm, raw.AsSpan(1), KeyBlobFormat.RawPublicKey);
            return true;
        }
        catch (FormatException)
        {
            reason = "the verifier key is not valid hex and base64";
            return false;
        }
    }

    private static byte[] KeyId(string name, ReadOnlySpan<byte> publicKey)
    {
        var input = new byte[Encoding.UTF8.GetByteCount(name) + 2 + publicKey.Length];
        var n = Encoding.UTF8.GetBytes(name, input);
        input[n] = (byte)'\n';
        input[n + 1] = Ed25519Type;
        publicKey.CopyTo(input.AsSpan(n + 2));
        return SHA256.HashData(input)[..4];
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c == '+'))
            throw new ArgumentException("A key name is not empty and holds no spaces or '+'.", nameof(name));
    }
}
