namespace Stadtkern;

/// <summary>Runs changes one at a time, so that a set of rules in force always equals what is stored.</summary>
public sealed class SerialChanges
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> change)
    {
        await _gate.WaitAsync();
        try
        {
            return await change();
        }
        finally
        {
            _gate.Release();
        }
    }
}
