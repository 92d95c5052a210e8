using NSec.Cryptography;

namespace Stadtkern.Ledger;

/// <summary>
/// The log's Ed25519 signing key and its name (the log's origin). The key is made on first start and kept in the data
/// directory (<c>ledger-signing.key</c>, readable by the owner only); losing it means a new log identity, so back it up.
/// </summary>
public sealed class LedgerSigner : IDisposable
{
    public const string FileName = "ledger-signing.key";
    private readonly Key _key;

    private LedgerSigner(string origin, Key key)
    {
        Origin = origin;
        _key = key;
        VerifierKey = SignedNote.VerifierKey(origin, key.PublicKey);
    }

    /// <summary>The log's origin line, also the signature's key name.</summary>
    public string Origin { get; }

    /// <summary>The verifier key (C2SP form) that checks this log's checkpoints.</summary>
    public string VerifierKey { get; }

    public string Sign(Checkpoint checkpoint) => SignedNote.Sign(checkpoint.Text(), Origin, _key);

    /// <summary>Loads the key from <paramref name="directory"/>, or makes and saves one.</summary>
    public static LedgerSigner Open(string directory, string origin)
    {
        if (origin.Length == 0 || origin.Any(c => char.IsWhiteSpace(c) || c == '+'))
            throw new InvalidOperationException($"LedgerOrigin '{origin}' must be non-empty, without spaces or '+' (e.g. stadt.example/ledger).");
        var path = Path.Combine(directory, FileName);
        var algorithm = SignatureAlgorithm.Ed25519;
        var exportable = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        if (File.Exists(path))
            return new LedgerSigner(origin, Key.Import(algorithm, File.ReadAllBytes(path), KeyBlobFormat.RawPrivateKey, exportable));
        Directory.CreateDirectory(directory);
        var key = Key.Create(algorithm, exportable);
        var temporary = path + ".new";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temporary, options))
        {
            file.Write(key.Export(KeyBlobFormat.RawPrivateKey));
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path);
        return new LedgerSigner(origin, key);
    }

    public void Dispose() => _key.Dispose();
}
