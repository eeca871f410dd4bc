using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Discord.Rest;

/// <summary>Discord's JSON: snake_case fields, nulls left out.</summary>
internal static class DiscordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
