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

    /// <summary>Lowers the calling thread's priority to <see cref="Nice"/>; false where the platform does not allow it (it is then left as it is).</summary>
    public static bool Lower()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // PRIO_PROCESS with a thread id sets that one thread's nice value on Linux (threads are scheduled as tasks);
            // any user may lower the priority of its own threads.
            return setpriority(0, gettid(), Nice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The calling thread's nice value as Linux reports it, or null elsewhere.</summary>
    public static int? Current()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // /proc/thread-self/stat: the 19th field is the nice value; the command name (field 2, in parentheses) may hold spaces.
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }

    // Plain DllImport: two int-only functions need no marshalling code generated (LibraryImport would need unsafe code).
    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, int who, int prio);

    [DllImport("libc")]
    private static extern int gettid();
}
