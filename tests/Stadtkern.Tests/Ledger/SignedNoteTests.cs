using NSec.Cryptography;
using Stadtkern.Ledger;

namespace Stadtkern.Tests.Ledger;

/// <summary>C2SP signed notes and tlog checkpoints: what a verifier accepts, and every way a note can be wrong.</summary>
public sealed class SignedNoteTests
{
    private static Key NewKey() => Key.Create(SignatureAlgorithm.Ed25519);

    [Fact]
    public void A_signed_checkpoint_verifies_with_its_verifier_key_and_reads_back()
    {
        using var key = NewKey();
        var checkpoint = new Checkpoint("stadtkern.example/ledger", 8, MerkleVectors.Root(8));

        var note = SignedNote.Sign(checkpoint.Text(), "stadtkern.example", key);

        Assert.StartsWith("stadtkern.example/ledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n\u2014 stadtkern.example ", note, StringComparison.Ordinal);
        Assert.True(SignedNote.TryVerify(note, SignedNote.VerifierKey("stadtkern.example", key.PublicKey), out var text, out var reason), reason);
        Assert.True(Checkpoint.TryParse(text, out var read));
        Assert.Equal((checkpoint.Origin, checkpoint.Size), (read.Origin, read.Size));
        Assert.Equal(checkpoint.Root, read.Root);
    }

    [Fact]
    public void A_changed_note_another_key_or_another_name_does_not_verify()
    {
        using var key = NewKey();
        using var other = NewKey();
        var note = SignedNote.Sign(new Checkpoint("log", 5, MerkleVectors.Root(5)).Text(), "city", key);
        var verifier = SignedNote.VerifierKey("city", key.PublicKey);

        Assert.False(SignedNote.TryVerify(note.Replace("\n5\n", "\n6\n", StringComparison.Ordinal), verifier, out _, out var changed));
        Assert.Contains("does not match", changed, StringComparison.Ordinal);
        Assert.False(SignedNote.TryVerify(note, SignedNote.VerifierKey("city", other.PublicKey), out _, out _));
        Assert.False(SignedNote.TryVerify(note, SignedNote.VerifierKey("town", key.PublicKey), out _, out var unsigned));
        Assert.Contains("not signed by 'town'", unsigned, StringComparison.Ordinal);
        Assert.False(SignedNote.TryVerify(note.Split("\n\n")[0] + "\n", verifier, out _, out _));
        Assert.False(SignedNote.TryVerify(note, "city+00000000+AQ==", out _, out _));
    }

    [Theory]
    [InlineData("log\n8\n")]
    [InlineData("log\neight\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")]
    [InlineData("log\n8\nnot-base64\n")]
    [InlineData("log\n8\nAAAA\n")]
    public void A_malformed_checkpoint_is_not_read(string text) => Assert.False(Checkpoint.TryParse(text, out _));
}
