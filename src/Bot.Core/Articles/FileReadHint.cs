using System.Runtime.InteropServices;

namespace Bot.Core.Articles;

/// <summary>
/// Tells the operating system that a file will be read soon, so it starts reading it from the disk into its cache
/// without anyone waiting (Linux, 64-bit: <c>posix_fadvise</c> with <c>POSIX_FADV_WILLNEED</c>; elsewhere nothing). A
/// hint only: a file that cannot be opened is for the read that follows to report.
/// </summary>
internal static class FileReadHint
{
    private const int WillNeed = 3; // POSIX_FADV_WILLNEED on Linux

    // The offset and length are off_t, 64 bits in a 64-bit process (glibc and musl); a 32-bit glibc process has a
    // 32-bit off_t there, which this declaration does not fit: no hints.
    private static volatile bool _unavailable = !OperatingSystem.IsLinux() || !Environment.Is64BitProcess;

    /// <summary>
    /// Asks for the whole of the file at <paramref name="path"/> to be read into the cache and returns at once: true when
    /// the system took the hint; false when there are no hints here or the file could not be opened.
    /// </summary>
    public static bool WillRead(string path)
    {
        if (_unavailable)
        {
            return false;
        }

        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return posix_fadvise((int)handle.DangerousGetHandle(), 0, 0, WillNeed) == 0; // 0 length: to the end of the file
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // gone, locked or unreadable: the read that follows reports it
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true; // not glibc or musl: no hints
            return false;
        }
    }

    // Plain DllImport: an int-only function needs no marshalling code generated (LibraryImport would need unsafe code).
    [DllImport("libc")]
    private static extern int posix_fadvise(int fd, long offset, long length, int advice);
}
