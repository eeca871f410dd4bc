using Bot.Core.Digests;
using Bot.Scheduling.Schedules;
using Microsoft.Extensions.Options;

namespace Bot.Scheduling;

/// <summary>Validates the digest options' annotations at start (the options source generator).</summary>
[OptionsValidator]
public sealed partial class DigestOptionsValidator : IValidateOptions<DigestOptions>;

/// <summary>
/// Validates what annotations cannot: the default time zone and schedule, and every configured channel's platform,
/// chat, schedule, time zone and cron. Each failure names the setting to change.
/// </summary>
public sealed class DigestOptionsSemanticValidator(TimeProvider time) : IValidateOptions<DigestOptions>
{
    /// <summary>The platforms a channel can be on.</summary>
    public static readonly IReadOnlyList<string> Platforms = ["telegram", "discord", "console"];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var now = time.GetUtcNow();
        var zoneKnown = TimeZones.TryFind(options.DefaultTimeZone, out _);
        if (!zoneKnown)
        {
            failures.Add($"Digests:DefaultTimeZone “{options.DefaultTimeZone}” is not a known IANA time zone: set an id such as UTC, Europe/Berlin or America/New_York.");
        }

        CheckSchedule(failures, "Digests:DefaultSchedule", options.DefaultSchedule, zoneKnown ? options.DefaultTimeZone : "UTC", "daily 09:00", now);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Channels.Count; i++)
        {
            var channel = options.Channels[i];
            var at = $"Digests:Channels:{i}";
            if (!Platforms.Contains(channel.Platform?.Trim() ?? "", StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{at}:Platform “{channel.Platform}” is not a platform: set telegram, discord or console.");
            }

            if (string.IsNullOrWhiteSpace(channel.ChatId))
            {
                failures.Add($"{at}:ChatId is empty: set the chat or channel id to post to.");
            }

            var zone = string.IsNullOrWhiteSpace(channel.TimeZone) ? options.DefaultTimeZone : channel.TimeZone;
            if (!string.IsNullOrWhiteSpace(channel.TimeZone) && !TimeZones.TryFind(channel.TimeZone, out _))
            {
                failures.Add($"{at}:TimeZone “{channel.TimeZone}” is not a known IANA time zone: set an id such as Europe/Berlin, or leave it out for {options.DefaultTimeZone}.");
                zone = "UTC";
            }
            else if (!zoneKnown && string.IsNullOrWhiteSpace(channel.TimeZone))
            {
                zone = "UTC";
            }

            CheckSchedule(failures, at + ":Schedule", channel.Schedule, zone, options.DefaultSchedule, now);
            if (!ids.Add(channel.SubscriptionId))
            {
                failures.Add($"{at} is a second digest for {channel.SubscriptionId}: give each digest of one chat its own Name.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckSchedule(List<string> failures, string setting, string? text, string zone, string fallback, DateTimeOffset now)
    {
        if (!ScheduleText.TryParse(text ?? "", fallback, zone, out var parsed, out var error) || parsed is null)
        {
            failures.Add($"{setting} “{text}”: {error}");
            return;
        }

        if (QuartzDigestScheduler.CronError(parsed.Schedule.Cron, now) is { } cronError)
        {
            failures.Add($"{setting} “{text}”: {cronError}");
        }
    }
}
