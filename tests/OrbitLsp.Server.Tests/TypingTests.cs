using System.Text;
using OrbitLsp.Server.Tests.Infrastructure;
using static OrbitLsp.Server.Tests.Infrastructure.ClientSteps;

namespace OrbitLsp.Server.Tests;

/// <summary>Typing as an editor sends it: the final diagnostics must equal a fresh analysis of the final text.</summary>
public sealed class TypingTests
{
    [Fact]
    public async Task Typing_a_note_character_by_character_ends_with_the_diagnostics_of_a_fresh_analysis()
    {
        string note = Notes.Example("what-is-orbit.md") + "\r\n{{< orbit_review color=\"pink\" >}}\r\nWhat is 😀?\r\nA smile\r\n<orbit-reviewarea>\r\nDangling?\r\n{{< /orbit_review >}}\r\n";
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, "");
        int line = 0, character = 0, version = 1;
        for (int i = 0; i < note.Length; i++)
        {
            // A surrogate pair is typed as one keystroke of two UTF-16 units, as editors send it.
            string typed = char.IsHighSurrogate(note[i]) ? note.Substring(i++, 2) : note[i].ToString();
            if (typed == "\r" && i + 1 < note.Length && note[i + 1] == '\n') typed = note.Substring(i++, 2);
            await server.Client.ChangeAsync(uri, ++version, Insert(line, character, typed));
            if (typed.EndsWith('\n')) (line, character) = (line + 1, 0);
            else character += typed.Length;
        }
        Notes.AssertSameDiagnostics(Notes.Expected(uri, note), await server.Client.DiagnosticsAsync(uri, version));
    }

    [Fact]
    public async Task Random_edits_end_with_the_diagnostics_of_a_fresh_analysis()
    {
        var random = new Random(20240501);
        string text = Notes.Example("misalignment.md");
        await using var server = TestServer.InProcess();
        await server.Client.InitializeAsync();
        string uri = Notes.Uri();
        await server.Client.OpenAsync(uri, text);
        string[] inserts = ["x", "\n", "\r\n", "😀", "{{< orbit_review >}}\n", "{{< /orbit_review >}}", "Q?\nA\n", "*", "\t", "é", ""];
        int version = 1;
        for (int step = 0; step < 400; step++)
        {
            int batch = random.Next(1, 4);
            var changes = new object[batch];
            for (int b = 0; b < batch; b++)
            {
                int start = random.Next(text.Length + 1);
                int end = Math.Min(text.Length, start + (random.Next(3) == 0 ? random.Next(40) : 0));
                // Never cut a surrogate pair or a CRLF in half: editors do not.
                while (start > 0 && start < text.Length && (char.IsLowSurrogate(text[start]) || (text[start] == '\n' && text[start - 1] == '\r'))) start--;
                while (end < text.Length && end > 0 && (char.IsLowSurrogate(text[end]) || (text[end] == '\n' && text[end - 1] == '\r'))) end++;
                if (end < start) end = start;
                string insert = inserts[random.Next(inserts.Length)];
                var (sl, sc) = PositionOf(text, start);
                var (el, ec) = PositionOf(text, end);
                changes[b] = Edit(sl, sc, el, ec, insert);
                text = text[..start] + insert + text[end..];
            }
            await server.Client.ChangeAsync(uri, ++version, changes);
        }
        Notes.AssertSameDiagnostics(Notes.Expected(uri, text), await server.Client.DiagnosticsAsync(uri, version));
    }

    /// <summary>LSP position of an offset: lines end at \n, \r\n or a lone \r.</summary>
    private static (int Line, int Character) PositionOf(string text, int offset)
    {
        int line = 0, lineStart = 0;
        for (int i = 0; i < offset; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))) (line, lineStart) = (line + 1, i + 1);
        }
        return (line, offset - lineStart);
    }
}
