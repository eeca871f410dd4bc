namespace Bot.Discord.Gateway;

/// <summary>What to do after the gateway closed the connection, per Discord's close event codes.</summary>
internal enum CloseAction
{
    /// <summary>Reconnect to resume_gateway_url and send Resume (op 6).</summary>
    Resume,
    /// <summary>The session is gone: reconnect to the cached gateway URL and Identify afresh.</summary>
    Reidentify,
    /// <summary>Unrecoverable: stop the application.</summary>
    Fatal,
}

/// <summary>Discord's gateway close event codes (topics/opcodes-and-status-codes).</summary>
internal static class GatewayCloseCodes
{
    public const int AuthenticationFailed = 4004;
    public const int InvalidSeq = 4007;
    public const int SessionTimedOut = 4009;
    public const int InvalidShard = 4010;
    public const int ShardingRequired = 4011;
    public const int InvalidApiVersion = 4012;
    public const int InvalidIntents = 4013;
    public const int DisallowedIntents = 4014;

    /// <summary>The close code we send to drop a connection while keeping the session resumable (anything but 1000/1001).</summary>
    public const int ResumableClientClose = 4900;

    public static CloseAction ActionFor(int? code) => code switch
    {
        AuthenticationFailed or InvalidShard or ShardingRequired or InvalidApiVersion or InvalidIntents or DisallowedIntents => CloseAction.Fatal,
        InvalidSeq or SessionTimedOut => CloseAction.Reidentify,
        _ => CloseAction.Resume,
    };

    /// <summary>What an operator should do about a fatal code.</summary>
    public static string Explain(int code) => code switch
    {
        AuthenticationFailed => "authentication failed: Discord rejected the bot token; set Discord__Token to the current token from the Developer Portal's Bot page",
        InvalidShard => "invalid shard: check Discord:ShardCount",
        ShardingRequired => "sharding required: the bot is in too many guilds for the shard count; unset Discord:ShardCount or raise it",
        InvalidApiVersion => "invalid API version",
        InvalidIntents => "invalid intents",
        DisallowedIntents => "disallowed intents: enable the Message Content intent in the Developer Portal's Bot page, or set Discord:EnableTextCommands to false",
        _ => "unrecoverable gateway error",
    };
}

/// <summary>The gateway closed with a code that must not be retried.</summary>
internal sealed class GatewayFatalException : Exception
{
    public GatewayFatalException()
    {
    }

    public GatewayFatalException(string message) : base(message)
    {
    }

    public GatewayFatalException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public GatewayFatalException(int closeCode, string? reason)
        : base($"Discord gateway closed with {closeCode} ({reason}): {GatewayCloseCodes.Explain(closeCode)}")
    {
        CloseCode = closeCode;
    }

    public int CloseCode { get; }
}
