using System.Diagnostics;
using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>The built server as a child process over stdio, as editors start it.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Over_stdio_a_note_gets_diagnostics_hover_and_both_commands_then_exit_code_0()
    {
        await using var server = TestServer.ChildProcess();
        await server.Client.InitializeAsync(processId: Environment.ProcessId);
        string uri = Notes.ExampleUri("misalignment.md");
        string text = Notes.Example("misalignment.md");
        await server.Client.OpenAsync(uri, text);
        Notes.AssertSameDiagnostics(Notes.Expected(uri, text), await server.Client.DiagnosticsAsync(uri, 1));
        Assert.Contains("**Prompt", (await server.Client.HoverAsync(uri, 30, 2)).GetProperty("contents").GetProperty("value").GetString());
        Assert.True((await server.Client.ExecuteAsync("orbit.previewReview", new { uri })).GetProperty("cards").GetArrayLength() > 0);
        Assert.Contains("Show Answer", (await server.Client.ExecuteAsync("orbit.previewReviewHtml", new { uri })).GetProperty("html").GetString());
        await server.Client.ShutdownAndExitAsync();
        Assert.Equal(0, await server.Exit.WaitAsync(TimeSpan.FromSeconds(20)));
        string log = await ReadLogAsync(server.LogFile);
        Assert.Contains("Exiting with code 0", log);
        // The session's collections and peak memory, read back: a report of slow typing starts from them.
        var cost = System.Text.RegularExpressions.Regex.Match(log, @"collections gen0 (\d+), gen1 (\d+), gen2 (\d+), paused (\d+) ms in all; peak resident (\d+) MB");
        Assert.True(cost.Success, log);
        int Figure(int group) => int.Parse(cost.Groups[group].Value);
        Assert.True(Figure(1) >= Figure(2) && Figure(2) >= Figure(3), cost.Value);
        Assert.InRange(Figure(5), 1, 4096);
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_the_process_with_code_1()
    {
        await using var server = TestServer.ChildProcess();
        await server.Client.InitializeAsync();
        await server.Client.NotifyAsync("exit", null);
        Assert.Equal(1, await server.Exit.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Closing_stdin_ends_the_process()
    {
        await using var server = TestServer.ChildProcess();
        await server.Client.InitializeAsync();
        server.Process!.StandardInput.Close();
        Assert.Equal(1, await server.Exit.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task The_process_exits_when_the_client_process_named_in_initialize_dies()
    {
        using var parent = Process.Start("sleep", "60");
        await using var server = TestServer.ChildProcess();
        await server.Client.InitializeAsync(processId: parent.Id);
        parent.Kill();
        Assert.Equal(1, await server.Exit.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    private static async Task<string> ReadLogAsync(string path)
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "*");
        await using var stream = new FileStream(files.Single(), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return await new StreamReader(stream).ReadToEndAsync();
    }
}
