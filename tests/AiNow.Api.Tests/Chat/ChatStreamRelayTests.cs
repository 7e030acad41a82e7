using System.Text;
using AiNow.Api.Chat;

namespace AiNow.Api.Tests.Chat;

public sealed class ChatStreamRelayTests
{
    private const string Events =
        "data: {\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}\n\n"
        + "data: {\"choices\":[],\"usage\":{\"total_tokens\":30}}\n\n"
        + "data: [DONE]\n\n";

    [Fact]
    public async Task RelayAsync_WholeStream_RelaysBytesUnchangedAndTalliesUsage()
    {
        var tally = new ChatUsageTally(promptCharacters: 0);
        using var upstream = new MemoryStream(Encoding.UTF8.GetBytes(Events));
        using var client = new MemoryStream();

        await ChatStreamRelay.RelayAsync(upstream, client, new ServerSentEventScanner(tally), CancellationToken.None);

        Assert.Equal(Events, Encoding.UTF8.GetString(client.ToArray()));
        Assert.Equal(30, tally.Tokens);
    }

    [Fact]
    public async Task RelayAsync_ClientGone_ThrowsWithWhatWasReadAlreadyTallied()
    {
        var tally = new ChatUsageTally(promptCharacters: 0);
        using var upstream = new MemoryStream(Encoding.UTF8.GetBytes(Events));

        await Assert.ThrowsAsync<IOException>(
            () => ChatStreamRelay.RelayAsync(upstream, new HungUpStream(), new ServerSentEventScanner(tally), CancellationToken.None));

        Assert.Equal(30, tally.Tokens);
    }

    /// <summary>A client connection that is already closed: every write fails.</summary>
    private sealed class HungUpStream : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("The client hung up.");
    }
}
