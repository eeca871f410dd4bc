using System.Text;
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
    public void Read_TextBeyondAscii_SameText()
    {
        AnswerLine[] lines =
        [
            new(AnswerSection.Members, 0, "Zürcher Börse – 深圳", "état « actif »", "Zürcher Börse – 深圳", 7, 2, [9, 8], AnswerFlags.Member, "Präsident", 3),
            new(AnswerSection.Members, 1, "Ørsted", null, "Ørsted A/S", 8, 1, [4], AnswerFlags.Member, null, 0),
        ];

        var read = new List<AnswerLine>();
        AnswerRows.Read(AnswerRows.Write(lines), AnswerSection.Members, read);

        Assert.Equal(["Zürcher Börse – 深圳", "Ørsted"], read.Select(l => l.Label));
        Assert.Equal(["Zürcher Börse – 深圳", "Ørsted A/S"], read.Select(l => l.Link));
        Assert.Equal("état « actif »", read[0].Detail);
        Assert.Equal("Präsident", read[0].Group);
    }

    [Fact]
    public void Read_LineMissingAField_Refused()
    {
        var text = Encoding.UTF8.GetString(AnswerRows.Write([new(AnswerSection.Size, 0, "14 members", null, null, null, 1, [1], AnswerFlags.None, null, 0)]));

        Assert.Throws<InvalidDataException>(() => AnswerRows.Read(Encoding.UTF8.GetBytes(text[..text.LastIndexOf('\u001f')]), AnswerSection.Size, []));
        Assert.Throws<InvalidDataException>(() => AnswerRows.Read(Encoding.UTF8.GetBytes(text + "\u001f0"), AnswerSection.Size, []));
        Assert.Throws<InvalidDataException>(() => AnswerRows.Read(Encoding.UTF8.GetBytes(text + "\u001e"), AnswerSection.Size, []));
    }

    [Fact]
    public void Read_NoLines_Nothing()
    {
        var read = new List<AnswerLine>();
        AnswerRows.Read(AnswerRows.Write([]), AnswerSection.Size, read);

        Assert.Empty(read);
    }
}
