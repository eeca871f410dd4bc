using Bot.Discord.Gateway;
using Bot.Testing.Time;

namespace Bot.Discord.Tests.Gateway;

public sealed class GatewayRulesTests
{
    [Theory]
    [InlineData(81384788765712384UL, 1, 0)]
    [InlineData(81384788765712384UL, 3, 1)]
    [InlineData(81384788765712384UL, 16, 2)]
    [InlineData(1500000000000000001UL, 16, 12)]
    [InlineData(197038439483310086UL, 3, 2)]
    public void ShardFor_Guild_FollowsDocumentedFormula(ulong guildId, int shards, int expected) =>
        Assert.Equal(expected, ShardRouting.ShardFor(guildId, shards));

    [Fact]
    public void ShardFor_DirectMessage_GoesToShardZero() =>
        Assert.Equal(0, ShardRouting.ShardFor(null, 8));

    [Theory]
    [InlineData(4004, "Fatal")]
    [InlineData(4010, "Fatal")]
    [InlineData(4011, "Fatal")]
    [InlineData(4012, "Fatal")]
    [InlineData(4013, "Fatal")]
    [InlineData(4014, "Fatal")]
    [InlineData(4007, "Reidentify")]
    [InlineData(4009, "Reidentify")]
    [InlineData(4000, "Resume")]
    [InlineData(4001, "Resume")]
    [InlineData(4002, "Resume")]
    [InlineData(4003, "Resume")]
    [InlineData(4005, "Resume")]
    [InlineData(4008, "Resume")]
    [InlineData(null, "Resume")]
    public void CloseCode_MapsToDocumentedAction(int? code, string expected) =>
        Assert.Equal(expected, GatewayCloseCodes.ActionFor(code).ToString());

    [Fact]
    public async Task IdentifyGate_SameRateLimitKey_WaitsFiveSeconds()
    {
        var clock = new ManualTimeProvider();
        var gate = new IdentifyGate(maxConcurrency: 2, clock);

        await gate.WaitAsync(0, CancellationToken.None);
        await gate.WaitAsync(1, CancellationToken.None); // another key: no wait
        var third = gate.WaitAsync(2, CancellationToken.None); // key 0 again

        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await third;
    }

    [Fact]
    public void Intents_Default_GuildsOnly_TextCommandsAddMessageContent()
    {
        Assert.Equal(1, GatewayService.IntentsFor(new DiscordOptions()));
        Assert.Equal(1 | 1 << 9 | 1 << 12 | 1 << 15, GatewayService.IntentsFor(new DiscordOptions { EnableTextCommands = true }));
    }
}
