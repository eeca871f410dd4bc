using System.Runtime.InteropServices;

namespace Bot.Core.Knowledge;

/// <summary>
/// Lowers the scheduling priority of the calling thread (Linux: its nice value), best effort. Ingestion's workers call
/// it so that the threads they feed, ingestion's one store writer and everything else the bot runs (answering chats),
/// get the cores first when all want them: with the workers at the same priority, the writer had a third of the time on
/// two cores and held them back.
/// </summary>
internal static class WorkerPriority
{
    /// <summary>The nice value the workers run at (0 is the default, 19 the lowest priority).</summary>
    public const int Nice = 5;

    /// <summary>Lowers the calling thread's priority to <see cref="Nice"/> where the platform allows it; elsewhere it is left as it is.</summary>
    public static void Lower()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            // PRIO_PROCESS with a thread id sets that one thread's nice value on Linux (threads are scheduled as tasks);
            // any user may lower the priority of its own threads. A refusal (a sandbox's policy) leaves it as it is.
            _ = setpriority(0, gettid(), Nice);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc or musl: the priority stays as it is.
        }
    }

    // Plain DllImport: two int-only functions need no marshalling code generated (LibraryImport would need unsafe code).
    [DllImport("libc")]
    private static extern int setpriority(int which, int who, int prio);

    [DllImport("libc")]
    private static extern int gettid();
}
