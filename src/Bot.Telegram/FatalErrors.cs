using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Telegram;

/// <summary>Stops the application on unrecoverable errors (the token was rejected) with a clear message and a non-zero exit code.</summary>
internal sealed class FatalErrors(IHostApplicationLifetime lifetime, ILogger<FatalErrors> logger)
{
    public const int ExitCode = 3;

    public void Stop(string reason)
    {
        Log.Fatal(logger, reason);
        Environment.ExitCode = ExitCode;
        lifetime.StopApplication();
    }
}
