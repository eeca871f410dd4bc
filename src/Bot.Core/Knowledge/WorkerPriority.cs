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
    /// <summary>How much lower the workers run than the thread that starts them, in nice steps (19 is the lowest priority).</summary>
    public const int Steps = 5;

    /// <summary>
    /// Lowers the calling thread's priority by <see cref="Steps"/> from what it inherited (a bot started with "nice 10"
    /// runs its workers at 15, never higher than the rest of it), where the platform allows it; elsewhere it is left as it is.
    /// </summary>
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
            var thread = gettid();
            Marshal.SetLastPInvokeError(0);
            var current = getpriority(0, thread);
            if (current == -1 && Marshal.GetLastPInvokeError() != 0)
            {
                return; // -1 is also a nice value: only errno tells a failure
            }

            _ = setpriority(0, thread, Math.Min(19, current + Steps));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc or musl: the priority stays as it is.
        }
    }

    // Plain DllImport: two int-only functions need no marshalling code generated (LibraryImport would need unsafe code).
    [DllImport("libc")]
    private static extern int setpriority(int which, int who, int prio);

    [DllImport("libc", SetLastError = true)]
    private static extern int getpriority(int which, int who);

    [DllImport("libc")]
    private static extern int gettid();
}
