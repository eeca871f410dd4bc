using System.Collections.Concurrent;
using System.Diagnostics;

namespace Bot.Testing.Acceptance;

/// <summary>
/// The real executable in a child process (<c>dotnet Bot.Host.dll run --Section:Key=value …</c>), as an operator runs
/// it, for tests that must kill it hard. Its log lines (standard error) and output are kept, the last ones shown when a
/// test fails; disposing kills whatever is left of it.
/// </summary>
public sealed class ChildHost : IAsyncDisposable
{
    private const int KeptLines = 50_000;
    private const int TailLines = 300;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _readyWhen;
    private int _disposed;

    private ChildHost(Process process, string? readyWhen)
    {
        _process = process;
        _readyWhen = readyWhen;
    }

    /// <summary>The child's process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the child has exited (killed or not).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the child wrote, standard error and output interleaved.</summary>
    public string Tail => string.Join(Environment.NewLine, _lines.TakeLast(TailLines));

    /// <summary>Every line the child wrote (the last <c>50,000</c>).</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>
    /// Starts <paramref name="hostDll"/> under the same <c>dotnet</c> as this process, in <paramref name="workingDirectory"/>.
    /// <see cref="WhenReady"/> completes when a line containing <paramref name="readyWhen"/> appears.
    /// </summary>
    public static ChildHost Start(string hostDll, IEnumerable<string> arguments, string workingDirectory, string? readyWhen = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        // The test host sets DOTNET_HOST_PATH to the dotnet that runs it; a runner named dotnet is that one too.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
            : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? path
            : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child reads configuration only from its files and the command line it is given.
        string[] sections = ["Telegram__", "Discord__", "Storage__", "Dataset__", "Digests__", "Knowledge__", "Commands__"];
        foreach (var key in start.Environment.Keys.Where(k => sections.Any(s => k.StartsWith(s, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildHost(process, readyWhen);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start " + hostDll);
        }

        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return child;
    }

    /// <summary>Completes when the ready line appeared; faults when the child exits first.</summary>
    public Task WhenReady => _ready.Task;

    /// <summary>Kills the child and its children at once, as a crash or <c>kill -9</c> would: no shutdown runs.</summary>
    public void KillHard()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Waits for the child to exit.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        KillHard();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Left for the OS.
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            if (_process.HasExited)
            {
                _ready.TrySetException(new InvalidOperationException("The child exited before it was ready:" + Environment.NewLine + Tail));
            }

            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > KeptLines && _lines.TryDequeue(out _))
        {
        }

        if (_readyWhen is not null && line.Contains(_readyWhen, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
