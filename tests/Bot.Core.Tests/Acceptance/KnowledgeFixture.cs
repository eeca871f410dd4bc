using Bot.Testing.Knowledge;

namespace Bot.Core.Tests.Acceptance;

/// <summary>The repo's dataset ingested once for a test class, through the host's own composition.</summary>
public sealed class DatasetKnowledge : IDisposable
{
    public TestKnowledge Knowledge { get; } = TestKnowledge.Create();

    public void Dispose() => Knowledge.Dispose();
}
