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
        return (file?.Settings ?? RuleSettings.Default).With(Client.Rules);
    }

    public void FilesChanged() => _files.Invalidate();

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
        _files.Invalidate();
        foreach (var problem in Client.Problems) log.Warning("Settings: {Problem:l}", problem);
        if (Client.Problems.Length > 0) client.ShowMessage(MessageType.Warning, "OrbitLsp settings: " + string.Join(" ", Client.Problems));
    }

    public static string? LocalPath(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.IsFile ? u.LocalPath : null;
}
