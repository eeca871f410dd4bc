using Bot.Telegram.Api;

namespace Bot.Telegram;

/// <summary>The bot's own user (from getMe), known once the receiver has connected.</summary>
internal sealed class BotIdentity
{
    private readonly TaskCompletionSource<User> _me = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<User> WhenKnown => _me.Task;

    public string? Username => _me.Task.IsCompletedSuccessfully ? _me.Task.Result.Username : null;

    public void Set(User me) => _me.TrySetResult(me);
}
