using System.Text.Json.Nodes;

namespace Stadtkern.Catalog;

/// <summary>How long each stage of a publication run took, in milliseconds: for operators and the benchmark.</summary>
internal sealed class RunStages(TimeProvider time)
{
    private readonly JsonObject _stages = [];
    private long _last = time.GetTimestamp();

    public void Done(string stage)
    {
        var now = time.GetTimestamp();
        _stages[stage] = Math.Round(time.GetElapsedTime(_last, now).TotalMilliseconds, 1);
        _last = now;
    }

    public JsonObject ToJson() => (JsonObject)_stages.DeepClone();
}
