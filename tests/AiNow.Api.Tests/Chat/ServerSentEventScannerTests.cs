using System.Text;
using AiNow.Api.Chat;

namespace AiNow.Api.Tests.Chat;

public sealed class ServerSentEventScannerTests
{
    private const string Events =
        "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\r\n\r\n"
        + ": keep-alive comment\n\n"
        + "data:{\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\n"
        + "data: {\"choices\":[],\"usage\":{\"total_tokens\":12}}\n\n"
        + "data: [DONE]\n\n";

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Scan_EventsInAnyPieces_FindsUsageAndText(int pieceBytes)
    {
        var tally = new ChatUsageTally(promptCharacters: 0);
        var scanner = new ServerSentEventScanner(tally);

        foreach (var piece in Encoding.UTF8.GetBytes(Events).Chunk(pieceBytes))
        {
            scanner.Scan(piece);
        }

        Assert.Equal(12, tally.ReportedTokens);
        Assert.Equal(5, tally.CompletionCharacters);
        Assert.Equal(12, tally.Tokens);
    }

    [Fact]
    public void Scan_LineLongerThanLimit_IsSkippedAndLaterLinesStillCount()
    {
        var tally = new ChatUsageTally(promptCharacters: 0);
        var scanner = new ServerSentEventScanner(tally);
        var longLine = "data: {\"choices\":[{\"delta\":{\"content\":\"" + new string('x', ServerSentEventScanner.MaxLineBytes) + "\"}}]}\n";

        scanner.Scan(Encoding.UTF8.GetBytes(longLine));
        scanner.Scan("data: {\"choices\":[{\"delta\":{\"content\":\"abcd\"}}]}\n"u8);

        Assert.Equal(4, tally.CompletionCharacters);
        Assert.Null(tally.ReportedTokens);
    }
}
