using System.Diagnostics;

namespace Bot.Benchmarks.Scenarios;

/// <summary>
/// Latency percentiles of one command over many calls, in milliseconds; what a call allocated on average, and how many
/// calls a garbage collection (of generation 0 or more) interrupted: when that is 1 % of the calls or more, the p99 is
/// a collection's pause.
/// </summary>
internal sealed record Latency(string Command, int Calls, int Answered, double P50, double P90, double P99, double Max, double Mean, double AllocatedKbPerCall, int CallsWithGc)
{
    public static Latency Of(string command, List<double> milliseconds, int answered, double allocatedKbPerCall, int callsWithGc)
    {
        milliseconds.Sort();
        return new Latency(command, milliseconds.Count, answered, Quantile(milliseconds, 0.50), Quantile(milliseconds, 0.90),
            Quantile(milliseconds, 0.99), milliseconds.Count == 0 ? 0 : milliseconds[^1], milliseconds.Count == 0 ? 0 : milliseconds.Average(),
            allocatedKbPerCall, callsWithGc);
    }

    /// <summary>The nearest-rank quantile of sorted values.</summary>
    private static double Quantile(List<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>CPU time, memory and GC figures (collections, and the time the GC paused the process) of a child process at the end of its scenario.</summary>
internal sealed record MemoryFigures(double CpuMs, double PeakWorkingSetMb, double WorkingSetMb, double ManagedHeapMb, double PeakCommittedMb, double AllocatedMb, int Gen0, int Gen1, int Gen2, double GcPauseMs)
{
    private const double Mb = 1024.0 * 1024.0;

    public static MemoryFigures Now()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        return new MemoryFigures(
            process.TotalProcessorTime.TotalMilliseconds,
            process.PeakWorkingSet64 / Mb, process.WorkingSet64 / Mb, GC.GetTotalMemory(false) / Mb, info.TotalCommittedBytes / Mb,
            GC.GetTotalAllocatedBytes() / Mb, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            GC.GetTotalPauseDuration().TotalMilliseconds);
    }
}

/// <summary>What the ingest child measured.</summary>
internal sealed record IngestResult(int Files, int Extracted, int Skipped, double HostBuildMs, double SyncMs, double ArticlesPerSecond, long DatabaseBytes, MemoryFigures Memory);

/// <summary>What the query child measured.</summary>
internal sealed record QueryResult(
    double StartupMs, double HostBuildMs, double SyncMs, double FirstAnswerMs, int Files, bool Resolved,
    IReadOnlyList<Latency> Latencies, IReadOnlyList<string> Samples, MemoryFigures Memory);

/// <summary>The CPU time of the calling thread.</summary>
internal static class ThreadCpu
{
    private const string SchedStat = "/proc/thread-self/schedstat";

    /// <summary>Nanoseconds of CPU the calling thread has used (Linux: /proc/thread-self/schedstat), or 0 where there is no such file.</summary>
    public static long Nanoseconds() =>
        File.Exists(SchedStat) ? long.Parse(File.ReadAllText(SchedStat).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
}
