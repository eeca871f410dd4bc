using Bot.Core.Knowledge;
using Bot.Storage.Sqlite;

namespace Bot.Core.Tests.Storage;

/// <summary>Answer lines stored as one text value read back as they were written.</summary>
public sealed class AnswerRowsTests
{
    [Fact]
    public void Read_WrittenLines_SameLinesInRankOrder()
    {
        AnswerLine[] lines =
        [
            new(AnswerSection.People, 0, "Ada Kessel", "chief executive", "Ada Kessel", 42, 7, [105, 104, 103, 101, 99], AnswerFlags.None, null, 0),
            new(AnswerSection.People, 1, "Ivo Marsh", null, null, null, 1, [3], AnswerFlags.Member | AnswerFlags.Initiator, "chief executive", 12),
            new(AnswerSection.People, 2, string.Empty, string.Empty, "=", null, 0, [], AnswerFlags.None, string.Empty, 0),
        ];

        var read = new List<AnswerLine>();
        AnswerRows.Read(AnswerRows.Write(lines), AnswerSection.People, read);

        Assert.Equal(lines.Length, read.Count);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equal(lines[i] with { Cited = [] }, read[i] with { Cited = [] });
            Assert.Equal(lines[i].Cited, read[i].Cited);
        }
    }

    [Fact]
    public void Read_LabelWithSeparatorCharacters_KeptAsSpaces()
    {
        AnswerLine[] lines = [new(AnswerSection.Description, 0, "a\u001fb\u001ec", null, null, null, 1, [1], AnswerFlags.None, null, 0)];

        var read = new List<AnswerLine>();
        AnswerRows.Read(AnswerRows.Write(lines), AnswerSection.Description, read);

        Assert.Equal("a b c", Assert.Single(read).Label);
    }

    [Fact]
    public void Read_NoLines_Nothing()
    {
        var read = new List<AnswerLine>();
        AnswerRows.Read(AnswerRows.Write([]), AnswerSection.Size, read);

        Assert.Empty(read);
    }
}
