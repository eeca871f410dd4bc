using Bot.Core.Replies;

namespace Bot.Testing.Fakes;

/// <summary>Replies shaped like the core's, shared by the transports' renderer tests.</summary>
public static class SampleReplies
{
    /// <summary>One member whose item carries a follow-up command, a detail with curly quotes, and two sources without links.</summary>
    public static Reply MemberWithCommand { get; } = new(
        ReplyKind.Answer,
        "Members of BSN",
        [new Section("Members", [new ReplyItem("China Mobile", "founding member; “operator”", [1, 2], "/about China Mobile")])],
        [new Citation(1, "Huobi Joins BSN", null, "a.txt", null), new Citation(2, "BSN grows", null, "b.txt", null)],
        []);
}
