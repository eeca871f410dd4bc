using Bot.Core.Digests;
using Microsoft.Extensions.Hosting;

namespace Bot.Scheduling.Delivery;

/// <summary>Runs the digest outbox for the life of the application: pending deliveries left by a previous run go out at once.</summary>
public sealed class DigestOutboxService(DigestOutbox outbox) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => outbox.RunAsync(stoppingToken);
}
