using System.Diagnostics;
using System.Text;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Workspace;
using Serilog;

namespace OrbitLsp.LanguageServer.Workspace;

/// <summary>
/// The server's side of <see cref="IndexWorker"/>: one worker process for one pass over the
/// workspace folders. Paths go to it from a thread of their own (so neither side waits on a full
/// pipe), entries come back in order. The server reads an entry only when it is ready to record
/// it, and the pipe holds a few dozen: the worker never runs far ahead of the server.
/// </summary>
public sealed class IndexWorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly BinaryReader _reader;
    private readonly ILogger _log;

    private IndexWorkerProcess(Process process, ILogger log)
    {
        _process = process;
        _log = log;
        _reader = new BinaryReader(process.StandardOutput.BaseStream, new UTF8Encoding(false), leaveOpen: true);
    }

    /// <summary>A started worker, or null (logged) when none can be started: the caller indexes in its own process then.</summary>
    public static IndexWorkerProcess? TryStart(IndexWorker.Header header, ILogger log) => TryStart(header, IndexWorker.StartInfo(), log);

    /// <summary><see cref="TryStart(IndexWorker.Header, ILogger)"/> with the process to start (null: none can be).</summary>
    public static IndexWorkerProcess? TryStart(IndexWorker.Header header, ProcessStartInfo? start, ILogger log)
    {
        if (start is null)
        {
            log.Information("Indexing in the server's process: it cannot start itself as a worker");
            return null;
        }
        try
        {
            var process = Process.Start(start)!;
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { Length: > 0 } line) log.Warning("Index worker: {Line:l}", line);
            };
            process.BeginErrorReadLine();
            var writer = new BinaryWriter(process.StandardInput.BaseStream, new UTF8Encoding(false), leaveOpen: true);
            IndexWorker.WriteHeader(writer, header);
            writer.Flush();
            return new IndexWorkerProcess(process, log);
        }
        catch (Exception e)
        {
            log.Warning(e, "Indexing in the server's process: the worker did not start");
            return null;
        }
    }

    /// <summary>
    /// The entries of <paramref name="paths"/>, in their order. Stops early (the caller indexes
    /// the rest itself) when the worker fails; a note it could not index comes with the reason.
    /// An entry is valid until the next is asked for (its prompts are read into one array).
    /// </summary>
    public IEnumerable<(string Path, NoteEntry? Entry, string? Failure)> Index(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        // A thread of its own: it waits on the worker's full stdin for the whole pass, and a pool
        // thread held that long would leave the requests one thread short on two cores.
        var sending = new Thread(() => Send(paths, cancellationToken)) { IsBackground = true, Name = "OrbitLsp index paths" };
        sending.Start();
        // Each entry's prompts are read into this one array: an entry is recorded before the next is read.
        PromptIndex.PromptHash[]? prompts = null;
        for (int i = 0; i < paths.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested) yield break;
            (NoteEntry? Entry, string? Failure) record;
            try
            {
                record = IndexWorker.ReadRecord(_reader, ref prompts);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Gone, or garbled (a broken stream: bad counts, bad UTF-8): the server indexes the rest itself.
                _log.Warning(e, "The index worker stopped after {Count} of {Total} notes", i, paths.Count);
                yield break;
            }
            if (record.Entry is { } entry && entry.Key != paths[i])
            {
                _log.Warning("The index worker answered for {Key:l} instead of {Path:l}", entry.Key, paths[i]);
                yield break;
            }
            yield return (paths[i], record.Entry, record.Failure);
        }
    }

    private void Send(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        try
        {
            using var writer = new BinaryWriter(_process.StandardInput.BaseStream, new UTF8Encoding(false), leaveOpen: false);
            foreach (string path in paths)
            {
                if (cancellationToken.IsCancellationRequested) break;
                writer.Write(path);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The worker is gone; reading says so.
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
        _reader.Dispose();
        _process.Dispose();
    }
}
