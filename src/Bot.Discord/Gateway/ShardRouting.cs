namespace Bot.Discord.Gateway;

/// <summary>Discord's sharding formulas (events/gateway §Sharding, §Max Concurrency).</summary>
internal static class ShardRouting
{
    /// <summary><c>shard_id = (guild_id &gt;&gt; 22) % num_shards</c>; DMs (no guild) go to shard 0.</summary>
    public static int ShardFor(ulong? guildId, int shardCount) =>
        guildId is { } id && shardCount > 1 ? (int)((id >> 22) % (ulong)shardCount) : 0;

    /// <summary>Shards with the same key identify one per 5 seconds: <c>rate_limit_key = shard_id % max_concurrency</c>.</summary>
    public static int RateLimitKey(int shardId, int maxConcurrency) => shardId % Math.Max(1, maxConcurrency);
}
