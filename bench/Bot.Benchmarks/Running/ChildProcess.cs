using System.Diagnostics;
using System.Text.Json;

namespace Bot.Benchmarks.Running;

/// <summary>Runs a scenario in a child process of this same executable and reads its result line from standard output.</summary>
internal static class ChildProcess
{
    public const string ResultPrefix = "##RESULT ";
    public const string ReadyLine = "READY";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The result, and the wall time from starting the process to its READY line (or to its exit when it prints none).</summary>
    public static async Task<(T Result, TimeSpan Ready, TimeSpan Total)> RunAsync<T>(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        start.FileName = path;
        if (Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + path);
        TimeSpan? ready = null;
        string? result = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == ReadyLine)
            {
                ready ??= watch.Elapsed;
            }
            else if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                result = line[ResultPrefix.Length..];
            }
            else
            {
                Console.WriteLine("  | " + line);
            }
        }

        await process.WaitForExitAsync();
        var total = watch.Elapsed;
        if (process.ExitCode != 0 || result is null)
        {
            throw new InvalidOperationException($"The child '{string.Join(' ', arguments)}' failed (exit code {process.ExitCode}).");
        }

        return (JsonSerializer.Deserialize<T>(result, Json)!, ready ?? total, total);
    }
}
