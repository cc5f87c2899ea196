using OrbitLsp.LanguageServer.Lifecycle;

namespace OrbitLsp.LanguageServer.Documents;

/// <summary>
/// When the background work on an edited note starts (its analysis, its entry in the workspace
/// index): once the note has not changed for <see cref="Length"/> and the client has said nothing
/// for as long, or the note has stayed as it is for <see cref="PostponedAtMost"/> however much the
/// client asks. While a client keeps asking (hover after hover right after typing), its requests
/// have the processor to themselves: on two cores, an analysis of a 1 MB note beside them delayed
/// their reading by several milliseconds.
/// </summary>
public static class TypingPause
{
    public static readonly TimeSpan Length = TimeSpan.FromMilliseconds(150);

    public static readonly TimeSpan PostponedAtMost = TimeSpan.FromSeconds(1);

    public static bool IsOver(bool noteChanged, TimeSpan clientSilentFor, TimeSpan noteUnchangedFor) =>
        !noteChanged && (clientSilentFor >= Length || noteUnchangedFor >= PostponedAtMost);

    /// <summary>
    /// Waits for the pause on <paramref name="uri"/>; the generation it paused at, or null when the
    /// note was closed meanwhile. Only the uri is held while waiting: a burst of keystrokes keeps
    /// no old text alive.
    /// </summary>
    public static async Task<int?> WaitAsync(DocumentStore documents, ServerState state, string uri)
    {
        int generation = -1;
        long unchangedSince = 0;
        while (documents.Get(uri) is { } latest)
        {
            bool changed = latest.Generation != generation;
            var silent = state.SinceLastMessage;
            if (changed) (generation, unchangedSince) = (latest.Generation, Environment.TickCount64);
            else if (IsOver(noteChanged: false, silent, TimeSpan.FromMilliseconds(Environment.TickCount64 - unchangedSince))) return generation;
            await Task.Delay(changed || silent >= Length ? Length : Length - silent + TimeSpan.FromMilliseconds(5)).ConfigureAwait(false);
        }
        return null;
    }
}
