using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Telegram.Api;

/// <summary>
/// A chat as sendMessage's <c>chat_id</c> names it: a numeric id (up to 52 bits; negative for groups and channels),
/// or <c>@username</c> of a public channel or supergroup. Written to JSON as a number or a string accordingly.
/// </summary>
[JsonConverter(typeof(ChatRefJsonConverter))]
internal readonly record struct ChatRef
{
    private ChatRef(long id, string? username)
    {
        Id = id;
        Username = username;
    }

    /// <summary>The numeric id; 0 when the chat is named by <see cref="Username"/>.</summary>
    public long Id { get; }

    /// <summary>"@name" when the chat is named by its public username, else null.</summary>
    public string? Username { get; }

    /// <summary>True for a numeric id (state such as migrations and inactivity is kept per numeric id only).</summary>
    [MemberNotNullWhen(false, nameof(Username))]
    public bool IsNumeric => Username is null;

    /// <summary>True for a one-to-one chat (positive ids); usernames name channels and supergroups.</summary>
    public bool IsPrivate => IsNumeric && Id > 0;

    public static ChatRef FromId(long id) => new(id, null);

    public static implicit operator ChatRef(long id) => FromId(id);

    /// <summary>Reads "123", "-1001234567890" or "@channel_name" (a letter, then letters, digits and '_': 4–32 in all, short collectible names included).</summary>
    public static bool TryParse(string? text, out ChatRef chat)
    {
        chat = default;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (value[0] == '@')
        {
            var name = value.AsSpan(1);
            if (name.Length is < 4 or > 32 || !char.IsAsciiLetter(name[0]))
            {
                return false;
            }

            foreach (var c in name)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                {
                    return false;
                }
            }

            chat = new ChatRef(0, value);
            return true;
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) && id != 0)
        {
            chat = FromId(id);
            return true;
        }

        return false;
    }

    public override string ToString() => Username ?? Id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Writes a <see cref="ChatRef"/> as the number or the "@username" string; reads either.</summary>
internal sealed class ChatRefJsonConverter : JsonConverter<ChatRef>
{
    public override ChatRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => ChatRef.FromId(reader.GetInt64()),
            JsonTokenType.String when ChatRef.TryParse(reader.GetString(), out var chat) => chat,
            _ => throw new JsonException("chat_id must be a number or an @username"),
        };

    public override void Write(Utf8JsonWriter writer, ChatRef value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsNumeric)
        {
            writer.WriteNumberValue(value.Id);
        }
        else
        {
            writer.WriteStringValue(value.Username);
        }
    }
}
