using Serilog.Core;
using Serilog.Events;

namespace OrbitLsp.LanguageServer.Logging;

/// <summary>
/// Holds log events until the real sink is ready, then passes them on: the log file is opened
/// off the path that answers <c>initialize</c>.
/// </summary>
public sealed class DeferredSink : ILogEventSink, IDisposable
{
    private readonly List<LogEvent> _early = [];
    private readonly Lock _gate = new();
    private ILogEventSink? _target;

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            if (_target is null)
            {
                if (_early.Count < 10_000) _early.Add(logEvent);
                return;
            }
        }
        _target.Emit(logEvent);
    }

    public void Attach(ILogEventSink target)
    {
        lock (_gate)
        {
            foreach (var e in _early) target.Emit(e);
            _early.Clear();
            _target = target;
        }
    }

    public void Dispose() => (_target as IDisposable)?.Dispose();
}
