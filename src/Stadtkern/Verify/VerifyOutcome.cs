namespace Stadtkern.Host.Verify;

/// <summary>What a verification found; the exit code of <c>stadtkern verify</c> says which.</summary>
public enum VerifyVerdict
{
    /// <summary>The file is the published one, its manifest is in the signed log, and the log is consistent with what was seen before.</summary>
    Verified = 0,

    /// <summary>The server could not be asked, or the request was wrong (not a finding about the data).</summary>
    Unavailable = 1,

    /// <summary>The file's bytes differ from the checksum its release logged.</summary>
    FileChanged = 2,

    /// <summary>The release's manifest is not provably in the signed log: the history was rewritten.</summary>
    HistoryRewritten = 3,

    /// <summary>The log is not an extension of the checkpoint seen earlier: it was forked or rolled back.</summary>
    LogForked = 4,

    /// <summary>The checkpoint's signature is wrong, or the server's key is not the one seen before.</summary>
    BadSignature = 5,
}

/// <summary>The verdict with the steps that passed and the reason of the one that failed.</summary>
public sealed record VerifyOutcome(VerifyVerdict Verdict, IReadOnlyList<string> Passed, string? Reason)
{
    public int ExitCode => (int)Verdict;
}
