using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Knowledge;
using Bot.Core.Replies;
using Microsoft.Extensions.Options;

namespace Bot.Core.Digests;

/// <summary>What the digest commands share: the chat's subscription, the rights check and how a schedule reads.</summary>
public sealed class DigestChats(
    ISubscriptionStore store,
    IDigestScheduler scheduler,
    DigestService digests,
    IKnowledgeReader knowledge,
    IOptions<CommandOptions> commandOptions,
    IOptions<DigestOptions> options,
    TimeProvider time)
{
    internal ISubscriptionStore Store => store;

    internal IDigestScheduler Scheduler => scheduler;

    internal DigestService Digests => digests;

    internal DigestOptions Options => options.Value;

    internal TimeProvider Time => time;

    internal EntityLookup Lookup { get; } = new(knowledge, commandOptions);

    internal IKnowledgeReader Knowledge => knowledge;

    /// <summary>The chat's own subscription, or null.</summary>
    internal Subscription? Own(CommandRequest request) => store.Get(Subscription.ChatSubscriptionId(request.Platform, request.ChatId));

    /// <summary>Null when the sender may change this chat's digests, else the refusal to send.</summary>
    internal async ValueTask<Reply?> RefuseUnlessAllowedAsync(CommandRequest request, string command, CancellationToken cancellationToken)
    {
        if (!Options.Enabled)
        {
            return Reply.Text(ReplyKind.Refusal, "Digests are off", "Scheduled digests are turned off on this bot. /latest shows the newest articles.");
        }

        if (request.Chat != ChatKind.Group)
        {
            return null;
        }

        if (request.Rights is null)
        {
            return Reply.Text(ReplyKind.Refusal, "Administrators only",
                $"Only administrators can change this chat's digests, and I cannot check your rights from this kind of message. Use the /{command} slash command.");
        }

        bool allowed;
        try
        {
            allowed = await request.Rights.CanManageChatAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Reply.Text(ReplyKind.Refusal, "Try again",
                "I could not check whether you administer this chat: the platform did not answer. Nothing was changed; please try again in a moment.");
        }

        return allowed
            ? null
            : Reply.Text(ReplyKind.Refusal, "Administrators only",
                $"Only administrators of this chat can change its digests, so /{command} changed nothing. /settings shows what this chat receives.");
    }

    /// <summary>A new chat subscription on the default schedule.</summary>
    internal Subscription NewSubscription(CommandRequest request)
    {
        // The default schedule and zone are validated at start (DigestOptionsSemanticValidator).
        if (!ScheduleText.TryParse("", Options.DefaultSchedule, Options.DefaultTimeZone, out var parsed, out var error) || parsed is null)
        {
            throw new InvalidOperationException("Digests:DefaultSchedule does not parse: " + error);
        }

        return new Subscription(Subscription.ChatSubscriptionId(request.Platform, request.ChatId), request.Platform, request.ChatId, SubscriptionOrigin.Chat,
            parsed.Schedule, [], parsed.NotifyWhenEmpty, time.GetUtcNow());
    }

    /// <summary>"daily 09:00 (Europe/Berlin); next: Mon 23 Nov 2026 09:00".</summary>
    internal string Describe(DigestSchedule schedule)
    {
        var next = scheduler.NextFire(schedule, time.GetUtcNow());
        var text = $"{schedule.Text} ({schedule.TimeZone})";
        if (next is { } at && TimeZones.TryFind(schedule.TimeZone, out var zone))
        {
            text += "; next: " + TimeZoneInfo.ConvertTime(at, zone!).ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
        }

        return text;
    }

    internal static string Following(IReadOnlyList<string> follows) =>
        follows.Count == 0 ? "all news" : "only stories that name " + string.Join(" or ", follows);

    /// <summary>The entity ids a name stands for, through its aliases.</summary>
    internal IReadOnlySet<long> Ids(string name) => digests.IdsOf(name);
}

/// <summary>/subscribe [schedule] [time zone] [always]: digests in this chat.</summary>
public sealed class SubscribeCommand(DigestChats chats) : IChatCommand
{
    /// <inheritdoc />
    public CommandInfo Info { get; } = new("subscribe", "Get news digests in this chat on a schedule",
        "/subscribe [daily HH:MM | weekly DAY HH:MM | cron EXPR] [time zone] [always]", CommandArgument.Text, "schedule", false);

    /// <inheritdoc />
    public async ValueTask<Reply> HandleAsync(string argument, CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await chats.RefuseUnlessAllowedAsync(request, Info.Name, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var options = chats.Options;
        if (!ScheduleText.TryParse(argument, options.DefaultSchedule, options.DefaultTimeZone, out var parsed, out var error) || parsed is null)
        {
            return Commands.Replies.Usage(Info, error + " Nothing was changed.");
        }

        if (chats.Scheduler.ValidateCron(parsed.Schedule.Cron) is { } cronError)
        {
            return Commands.Replies.Usage(Info, $"That cron expression is not valid: {cronError} Nothing was changed.");
        }

        if (chats.Scheduler.NextFire(parsed.Schedule, chats.Time.GetUtcNow()) is null)
        {
            return Commands.Replies.Usage(Info, "That schedule never fires again. Nothing was changed.");
        }

        var existing = chats.Own(request);
        var subscription = (existing ?? chats.NewSubscription(request)) with
        {
            Schedule = parsed.Schedule,
            NotifyWhenEmpty = parsed.NotifyWhenEmpty,
            PausedReason = null,
        };
        chats.Store.Upsert(subscription);
        await chats.Scheduler.ScheduleAsync(subscription, cancellationToken);
        var title = existing is null ? "Subscribed" : existing.IsPaused ? "Resumed" : "Schedule changed";
        return Reply.Text(ReplyKind.Answer, title,
            $"This chat gets a news digest {chats.Describe(subscription.Schedule)}.\n"
            + $"It carries {DigestChats.Following(subscription.Follows)}"
            + (subscription.NotifyWhenEmpty ? ", and says so when there is nothing new." : "; when there is nothing new, nothing is posted.")
            + "\n/follow <name> narrows it to what you care about, /digest shows one now, /unsubscribe stops it.");
    }
}

/// <summary>/unsubscribe: no more digests in this chat.</summary>
public sealed class UnsubscribeCommand(DigestChats chats) : IChatCommand
{
    /// <inheritdoc />
    public CommandInfo Info { get; } = new("unsubscribe", "Stop the news digests in this chat", "/unsubscribe", CommandArgument.None, null, false);

    /// <inheritdoc />
    public async ValueTask<Reply> HandleAsync(string argument, CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await chats.RefuseUnlessAllowedAsync(request, Info.Name, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var existing = chats.Own(request);
        if (existing is null)
        {
            return Reply.Text(ReplyKind.NotFound, "Not subscribed", "This chat has no digest subscription. /subscribe starts one.");
        }

        await chats.Scheduler.UnscheduleAsync(existing.Id, cancellationToken);
        chats.Store.Delete(existing.Id);
        return Reply.Text(ReplyKind.Answer, "Unsubscribed", "No more digests in this chat. /subscribe starts them again.");
    }
}

/// <summary>/follow &lt;name&gt;: digests carry only stories that name it (through any alias).</summary>
public sealed class FollowCommand(DigestChats chats) : IChatCommand
{
    /// <inheritdoc />
    public CommandInfo Info { get; } = new("follow", "Digests only about an organisation or alliance", "/follow <name>", CommandArgument.EntityName, "name", true);

    /// <inheritdoc />
    public async ValueTask<Reply> HandleAsync(string argument, CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await chats.RefuseUnlessAllowedAsync(request, Info.Name, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (Commands.Replies.FindEntity(chats.Lookup, Info, argument, "Follow what? e.g. /follow followed by an alliance's name or acronym.", out var entity) is { } notFound)
        {
            return notFound;
        }

        var existing = chats.Own(request);
        var subscription = existing ?? chats.NewSubscription(request);
        if (subscription.Follows.Any(f => chats.Ids(f).Contains(entity.Id)))
        {
            return Reply.Text(ReplyKind.Answer, "Already following", $"This chat already follows {entity.Name}. Digests carry {DigestChats.Following(subscription.Follows)}.");
        }

        subscription = subscription with { Follows = [.. subscription.Follows, entity.Name] };
        chats.Store.Upsert(subscription);
        if (existing is null)
        {
            await chats.Scheduler.ScheduleAsync(subscription, cancellationToken);
        }

        var aliases = entity.Aliases.Count == 0 ? "" : $" (also as {string.Join(", ", entity.Aliases.Take(4))})";
        var subscribed = existing is null
            ? $"\nThis chat was not subscribed, so it now gets a digest {chats.Describe(subscription.Schedule)}; /subscribe changes when."
            : "";
        return Reply.Text(ReplyKind.Answer, "Following " + entity.Name,
            $"Digests here now carry {DigestChats.Following(subscription.Follows)}{aliases}.{subscribed}\n/unfollow {entity.Name} undoes it.");
    }
}

/// <summary>/unfollow &lt;name&gt;: stop following a name.</summary>
public sealed class UnfollowCommand(DigestChats chats) : IChatCommand
{
    /// <inheritdoc />
    public CommandInfo Info { get; } = new("unfollow", "Stop following an organisation or alliance", "/unfollow <name>", CommandArgument.EntityName, "name", true);

    /// <inheritdoc />
    public async ValueTask<Reply> HandleAsync(string argument, CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await chats.RefuseUnlessAllowedAsync(request, Info.Name, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (argument.Length == 0)
        {
            return Commands.Replies.Usage(Info, "Unfollow what? /settings lists what this chat follows.");
        }

        var subscription = chats.Own(request);
        if (subscription is null || subscription.Follows.Count == 0)
        {
            return Reply.Text(ReplyKind.NotFound, "Not following anything", "This chat follows no names: its digests carry all news.");
        }

        var ids = chats.Ids(argument);
        var match = subscription.Follows.FirstOrDefault(f => f.Equals(argument.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? subscription.Follows.FirstOrDefault(f => ids.Count > 0 && chats.Ids(f).Overlaps(ids));
        if (match is null)
        {
            return Reply.Text(ReplyKind.NotFound, "Not followed", $"This chat does not follow “{argument}”. It follows {string.Join(", ", subscription.Follows)}.",
                [.. subscription.Follows.Select(f => new ReplyChoice("Unfollow " + f, "/unfollow " + f))]);
        }

        subscription = subscription with { Follows = [.. subscription.Follows.Where(f => f != match)] };
        chats.Store.Upsert(subscription);
        return Reply.Text(ReplyKind.Answer, "Unfollowed " + match, $"Digests here now carry {DigestChats.Following(subscription.Follows)}.");
    }
}

/// <summary>/digest: the digest this chat would get now (the news since its last digest), without waiting for the schedule.</summary>
public sealed class DigestNowCommand(DigestChats chats) : IChatCommand
{
    /// <inheritdoc />
    public CommandInfo Info { get; } = new("digest", "A news digest now", "/digest", CommandArgument.None, null, false);

    /// <inheritdoc />
    public ValueTask<Reply> HandleAsync(string argument, CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subscription = chats.Own(request) ?? chats.NewSubscription(request);
        var digest = chats.Digests.Compose(subscription, chats.Time.GetUtcNow());
        var reply = DigestReply.Render(digest);
        if (digest.IsEmpty)
        {
            reply = reply with { Blocks = [.. reply.Blocks, new Paragraph("/latest shows the newest articles I have read.")] };
        }

        return ValueTask.FromResult(reply);
    }
}

/// <summary>/settings: what this chat receives and when.</summary>
public sealed class SettingsCommand(DigestChats chats) : IChatCommand
{
    /// <inheritdoc />
    public CommandInfo Info { get; } = new("settings", "What digests this chat receives and when", "/settings", CommandArgument.None, null, false);

    /// <inheritdoc />
    public ValueTask<Reply> HandleAsync(string argument, CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subscriptions = chats.Store.List()
            .Where(s => s.Platform.Equals(request.Platform, StringComparison.OrdinalIgnoreCase) && s.ChatId == request.ChatId)
            .OrderBy(s => s.Origin)
            .ToList();
        if (subscriptions.Count == 0)
        {
            return ValueTask.FromResult(Reply.Text(ReplyKind.Answer, "No digests",
                $"This chat gets no digests. /subscribe starts one ({chats.Options.DefaultSchedule}, {chats.Options.DefaultTimeZone} unless you say otherwise); /digest shows one now."));
        }

        var items = subscriptions.Select(s =>
        {
            var lines = new List<string>
            {
                "When: " + chats.Describe(s.Schedule),
                "What: " + DigestChats.Following(s.Follows),
                s.NotifyWhenEmpty ? "Says so when there is nothing new." : "Posts nothing when there is nothing new.",
            };
            if (s.CoveredUntil is { } covered)
            {
                lines.Add("Last digest covered news up to " + Sources.UtcTime(covered) + ".");
            }

            if (s.PausedReason is { } paused)
            {
                lines.Add($"Paused: {paused}. " + (s.Origin == SubscriptionOrigin.Chat ? "/subscribe resumes it." : "The operator's configuration resumes it."));
            }

            var label = s.Origin == SubscriptionOrigin.Chat ? "This chat's subscription" : "Set by the bot's operator";
            return new ReplyItem(label, string.Join("\n", lines), []);
        }).ToList();
        return ValueTask.FromResult(new Reply(ReplyKind.Answer, "Digest settings", [new Section("Digests", items)], [], []));
    }
}
