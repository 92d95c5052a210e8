using Stadtkern.Load;

namespace Stadtkern.Host.Tools.Bench;

/// <summary>The live progress of a load on standard error: one line rewritten in place on a terminal, a line per second otherwise.</summary>
internal sealed class ProgressLine(TextWriter error, bool terminal) : IProgress<LoadProgress>
{
    private int width;

    public static ProgressLine For(TextWriter error) => new(error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);

    public void Report(LoadProgress value)
    {
        var line = $"  {value.Elapsed.TotalSeconds,5:0} / {value.Planned.TotalSeconds:0} s  sent {value.Sent:N0}  done {value.Completed:N0}  " +
            $"({value.Completed / Math.Max(value.Elapsed.TotalSeconds, 0.001):N0}/s)  errors {value.Errors:N0}  p99 {value.P99Milliseconds:0.#} ms";
        if (!terminal)
        {
            error.WriteLine(line);
            return;
        }
        error.Write("\r" + line.PadRight(width));
        width = line.Length;
    }

    /// <summary>A message on a line of its own (ending a progress line first).</summary>
    public void Log(string message)
    {
        if (terminal && width > 0)
        {
            error.Write("\r" + new string(' ', width) + "\r");
            width = 0;
        }
        error.WriteLine(message);
    }
}
