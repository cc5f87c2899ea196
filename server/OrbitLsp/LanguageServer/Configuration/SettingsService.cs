using System.Text.Json;
using OrbitLsp.Core.Config;
using OrbitLsp.LanguageServer.Lifecycle;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;
using OrbitLsp.Workspace;
using Serilog;

namespace OrbitLsp.LanguageServer.Configuration;

/// <summary>
/// The rule severities a note is checked with: its nearest <c>.orbitlsp.yaml</c>, with the
/// client's <c>orbitLsp.rules</c> laid over it. The client part is fetched with
/// <c>workspace/configuration</c> at start and on every <c>workspace/didChangeConfiguration</c>.
/// </summary>
public sealed class SettingsService(ServerState state, ClientChannel client, ILogger log)
{
    private readonly ConfigLocator _files = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done once the client's settings were first read (or could not be): the first diagnostics wait for it.</summary>
    public Task Loaded => _loaded.Task;

    public void MarkLoaded() => _loaded.TrySetResult();

    /// <summary>Waits for the first settings, at most two seconds (a client may never answer).</summary>
    public async Task WaitLoadedAsync(CancellationToken cancellationToken)
    {
        if (Loaded.IsCompleted) return;
        await Task.WhenAny(Loaded, Task.Delay(TimeSpan.FromSeconds(2), cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    public ClientSettings Client { get; private set; } = ClientSettings.Empty;

    public RuleSettings For(string uri)
    {
        var file = LocalPath(uri) is { } path ? _files.ForNote(path) : null;
        if (file is { Problems.Length: > 0 } && _reported.TryAdd(file.Path, 0)) Report(file);
        return (file?.Settings ?? RuleSettings.Default).With(Client.Rules);
    }

    /// <summary>The settings of a note on disk, by its path.</summary>
    public RuleSettings ForPath(string path) => (_files.ForNote(path)?.Settings ?? RuleSettings.Default).With(Client.Rules);

    public void FilesChanged()
    {
        _files.Invalidate();
        _reported.Clear();
    }

    /// <summary>A broken <c>.orbitlsp.yaml</c> is told once: what can be read of it is still used.</summary>
    private void Report(ConfigFile file)
    {
        var lines = Core.Text.LineMap.Create(file.Text);
        string problems = string.Join(" ", file.Problems.Select(p => $"line {lines.GetLine(p.Span.Start) + 1}: {p.Message}"));
        log.Warning("{Path:l}: {Problems:l}", file.Path, problems);
        client.ShowMessage(MessageType.Warning, $"{file.Path}: {problems}");
    }

    /// <summary>Re-reads the client's section; <paramref name="pushed"/> is what didChangeConfiguration carried.</summary>
    public async Task RefreshAsync(JsonElement? pushed, CancellationToken cancellationToken)
    {
        JsonElement? section = null;
        if (state.Client.Workspace?.Configuration == true)
        {
            var answer = await client.RequestAsync<JsonElement?[]>(Methods.Configuration,
                new ConfigurationParams([new ConfigurationItem(null, ClientSettings.Section)]), cancellationToken).ConfigureAwait(false);
            section = answer is { Length: > 0 } ? answer[0] : null;
        }
        else if (pushed is { ValueKind: JsonValueKind.Object } settings && settings.TryGetProperty(ClientSettings.Section, out var own))
            section = own;
        Client = ClientSettings.Parse(section);
        FilesChanged();
        foreach (var problem in Client.Problems) log.Warning("Settings: {Problem:l}", problem);
        if (Client.Problems.Length > 0) client.ShowMessage(MessageType.Warning, "OrbitLsp settings: " + string.Join(" ", Client.Problems));
    }

    public static string? LocalPath(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.IsFile ? u.LocalPath : null;
}
