using System.Globalization;
using System.Text.Json;
using Bot.Core.Commands;

namespace Bot.Discord.Interactions;

/// <summary>
/// Whether an interaction's member may change the channel's settings, from <c>member.permissions</c> (the member's
/// total permissions in the channel, a decimal string bit set): ADMINISTRATOR (1 &lt;&lt; 3) or MANAGE_GUILD (1 &lt;&lt; 5).
/// Discord computed them, so there is nothing to ask.
/// </summary>
internal sealed class MemberPermissions(ulong permissions) : ISenderRights
{
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageGuild = 1UL << 5;

    public ulong Value { get; } = permissions;

    public bool CanManageChat => (Value & (Administrator | ManageGuild)) != 0;

    public ValueTask<bool> CanManageChatAsync(CancellationToken cancellationToken) => ValueTask.FromResult(CanManageChat);

    /// <summary>
    /// The chat kind and rights of an interaction: in a guild (it has <c>member</c>) a group with the member's
    /// permissions (none when they are missing or unreadable); otherwise a DM.
    /// </summary>
    public static (ChatKind Chat, ISenderRights? Rights) Of(JsonElement interaction)
    {
        if (interaction.ValueKind != JsonValueKind.Object || !interaction.TryGetProperty("member", out var member) || member.ValueKind != JsonValueKind.Object)
        {
            return interaction.ValueKind == JsonValueKind.Object && interaction.TryGetProperty("guild_id", out var guild) && guild.ValueKind == JsonValueKind.String
                ? (ChatKind.Group, new MemberPermissions(0))
                : (ChatKind.Private, null);
        }

        var bits = member.TryGetProperty("permissions", out var p) && p.ValueKind == JsonValueKind.String
            && ulong.TryParse(p.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : 0;
        return (ChatKind.Group, new MemberPermissions(bits));
    }
}
