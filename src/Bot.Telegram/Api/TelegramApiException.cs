namespace Bot.Telegram.Api;

/// <summary>A Bot API call answered <c>ok:false</c>. Logic keys on <see cref="ErrorCode"/> and <see cref="Parameters"/>, never on the description.</summary>
public sealed class TelegramApiException : Exception
{
    /// <summary>Creates the exception for a failed call.</summary>
    public TelegramApiException(string method, int errorCode, string description, ResponseParameters? parameters)
        : base($"Bot API {method} failed: {errorCode} {description}")
    {
        Method = method;
        ErrorCode = errorCode;
        Description = description;
        Parameters = parameters;
    }

    /// <summary>The method called ("sendMessage").</summary>
    public string Method { get; }

    /// <summary>The error code, equal to the HTTP status.</summary>
    public int ErrorCode { get; }

    /// <summary>The server's description (for humans and logs only).</summary>
    public string Description { get; }

    /// <summary>retry_after and migrate_to_chat_id, when given.</summary>
    public ResponseParameters? Parameters { get; }

    /// <summary>Seconds to wait before retrying (429).</summary>
    public int? RetryAfter => Parameters?.RetryAfter;

    /// <summary>The supergroup a group moved to (400).</summary>
    public long? MigrateToChatId => Parameters?.MigrateToChatId;
}

/// <summary>The Bot API could not be reached or answered something that is not the Bot API envelope. The message never holds the token.</summary>
public sealed class TelegramTransportException : Exception
{
    /// <summary>Creates the exception with an already redacted message.</summary>
    public TelegramTransportException(string method, string redactedMessage, int? httpStatus = null)
        : base($"Bot API {method} failed: {redactedMessage}")
    {
        Method = method;
        HttpStatus = httpStatus;
    }

    /// <summary>The method called.</summary>
    public string Method { get; }

    /// <summary>The HTTP status, when one came back.</summary>
    public int? HttpStatus { get; }
}
