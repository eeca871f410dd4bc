using System.Runtime.InteropServices;

namespace Bot.Core.Articles;

/// <summary>
/// Tells the operating system that a file will be read soon, so it starts reading it from the disk into its cache
/// without anyone waiting (Linux: <c>posix_fadvise</c> with <c>POSIX_FADV_WILLNEED</c>; elsewhere nothing). A hint only:
/// it never fails, and any problem with the file is for the read that follows to report.
/// </summary>
internal static class FileReadHint
{
    private const int WillNeed = 3; // POSIX_FADV_WILLNEED on Linux

    private static volatile bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Asks for the whole of the file at <paramref name="path"/> to be read into the cache; returns at once.</summary>
    public static void WillRead(string path)
    {
        if (_unavailable)
        {
            return;
        }

        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var descriptor = (int)handle.DangerousGetHandle();
            _ = posix_fadvise(descriptor, 0, 0, WillNeed); // 0 length: to the end of the file
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone, locked or unreadable: the read that follows reports it.
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true; // not glibc or musl: no hints
        }
    }

    // Plain DllImport: an int-only function needs no marshalling code generated (LibraryImport would need unsafe code).
    // off_t is 64 bits on the 64-bit Linux .NET runs on.
    [DllImport("libc")]
    private static extern int posix_fadvise(int fd, long offset, long length, int advice);
}
