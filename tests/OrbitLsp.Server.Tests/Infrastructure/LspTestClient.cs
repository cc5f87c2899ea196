using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.Server.Tests.Infrastructure;

/// <summary>A JSON-RPC error answer, with its code.</summary>
public sealed class LspErrorException(int code, string message) : Exception($"{code}: {message}")
{
    public int Code { get; } = code;
}

/// <summary>
/// A minimal LSP client working on raw frames, so tests see exactly what goes over the wire:
/// Content-Length headers, ids, error codes. It records every notification the server sends and
/// answers the server's requests (<c>workspace/configuration</c> with <see cref="Settings"/>).
/// </summary>
public sealed class LspTestClient : IAsyncDisposable
{
    /// <summary>
    /// How long a test waits for an answer or a condition before it fails: generous, because it only
    /// stops a test that would hang. On a machine shared with other builds (load 25–30 on two cores)
    /// a test that takes half a second alone takes 20 seconds and more, most of it compiling the
    /// server's code on first use; a deadline of seconds then fails tests that are not wrong.
    /// </summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly List<(string Method, JsonElement Params)> _notifications = [];
    private readonly Task _reader;
    private int _nextId;

    public LspTestClient(Stream input, Stream output)
    {
        _input = input;
        _output = output;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>What the client answers to <c>workspace/configuration</c> for the <c>orbitLsp</c> section.</summary>
    public JsonNode? Settings { get; set; }

    /// <summary>Completed by default; a test replaces it to keep the server waiting for its settings.</summary>
    public TaskCompletionSource HoldConfiguration { get; set; } = Completed();

    private static TaskCompletionSource Completed()
    {
        var tcs = new TaskCompletionSource();
        tcs.SetResult();
        return tcs;
    }

    /// <summary>The name under which responses with a null id are recorded among the notifications.</summary>
    public const string ResponseWithoutId = "(response without id)";

    /// <summary>Server requests the client answers with an error (as a client refuses a progress token).</summary>
    public HashSet<string> Refused { get; } = [];

    public int ConfigurationRequests;
    public int RefreshRequests;

    private readonly List<string> _serverRequests = [];

    /// <summary>The methods of the requests the server sent, in order.</summary>
    public IReadOnlyList<string> ServerRequests
    {
        get { lock (_serverRequests) return [.. _serverRequests]; }
    }

    public Task Completion => _reader;

    /// <summary>Called on the reading thread for each notification, as it arrives.</summary>
    public event Action<string, JsonElement>? NotificationReceived;

    /// <summary>
    /// Whether notifications are recorded for <see cref="Notifications"/> (the default); a test that
    /// sends tens of thousands of changes follows them with <see cref="NotificationReceived"/> instead.
    /// </summary>
    public bool KeepNotifications { get; set; } = true;

    public IReadOnlyList<(string Method, JsonElement Params)> Notifications
    {
        get { lock (_notifications) return [.. _notifications]; }
    }

    public IEnumerable<JsonElement> NotificationsOf(string method) => Notifications.Where(n => n.Method == method).Select(n => n.Params);

    /// <summary>Sends a request and waits for its result; an error answer throws <see cref="LspErrorException"/>.</summary>
    public async Task<JsonElement> RequestAsync(string method, object? parameters, TimeSpan? timeout = null)
    {
        var (_, response) = await StartRequestAsync(method, parameters);
        var answer = await response.WaitAsync(timeout ?? Deadline);
        if (answer.TryGetProperty("error", out var error))
            throw new LspErrorException(error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString() ?? "");
        return answer.GetProperty("result");
    }

    /// <summary>Sends a request; the task gives the whole response message.</summary>
    public async Task<(int Id, Task<JsonElement> Response)> StartRequestAsync(string method, object? parameters)
    {
        int id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        await SendAsync(Message(id, method, parameters));
        return (id, tcs.Task);
    }

    /// <summary>Sends a request whose params are written as raw JSON (to send malformed ones); gives the whole response.</summary>
    public async Task<JsonElement> RequestRawAsync(string method, string paramsJson)
    {
        int id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        await SendRawAsync($$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{paramsJson}}}""");
        return await tcs.Task.WaitAsync(Deadline);
    }

    public Task NotifyAsync(string method, object? parameters) => SendAsync(Message(null, method, parameters));

    public async Task SendRawAsync(string json)
    {
        byte[] body = Encoding.UTF8.GetBytes(json);
        await SendBytesAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body]);
    }

    /// <summary>Writes bytes as they are, headers and all (to send what no client should).</summary>
    public async Task SendBytesAsync(byte[] bytes)
    {
        await _writeLock.WaitAsync();
        try
        {
            await _output.WriteAsync(bytes);
            await _output.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private readonly List<JsonElement> _responses = [];

    /// <summary>Every response the server sent, in order, whatever its id.</summary>
    public IReadOnlyList<JsonElement> Responses
    {
        get { lock (_responses) return [.. _responses]; }
    }

    private volatile TaskCompletionSource _reading = Completed();

    /// <summary>Stops reading the server's output (a client that hangs): the server's writes back up.</summary>
    public void PauseReading() => _reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ResumeReading() => _reading.TrySetResult();

    /// <summary>Waits until a recorded notification matches, polling; fails after the timeout.</summary>
    public async Task<JsonElement> WaitForNotificationAsync(string method, Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Deadline);
        while (true)
        {
            foreach (var p in NotificationsOf(method))
                if (match(p)) return p;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No matching {method} arrived. The last one: {NotificationsOf(method).LastOrDefault()}. All: {string.Join(", ", Notifications.Select(n => n.Method))}");
            if (_reader.IsCompleted) throw new InvalidOperationException($"The connection closed before a matching {method} arrived.");
            await Task.Delay(5);
        }
    }

    private Task SendAsync(JsonObject message) => SendRawAsync(message.ToJsonString());

    private static JsonObject Message(int? id, string method, object? parameters)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0" };
        if (id is { } i) message["id"] = i;
        message["method"] = method;
        if (parameters is not null) message["params"] = JsonSerializer.SerializeToNode(parameters, parameters.GetType(), TestJson.Options);
        return message;
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _reading.Task.ContinueWith(_ => ReadMessageAsync(), TaskScheduler.Default).Unwrap() is { } message)
            {
                if (!message.TryGetProperty("method", out _))
                {
                    lock (_responses) _responses.Add(message.Clone());
                }
                bool hasId = message.TryGetProperty("id", out var id);
                bool hasMethod = message.TryGetProperty("method", out var method);
                var parameters = message.TryGetProperty("params", out var p) ? p.Clone() : default;
                if (hasMethod && hasId) _ = AnswerAsync(id.Clone(), method.GetString()!, parameters);
                else if (hasMethod)
                {
                    if (KeepNotifications) lock (_notifications) _notifications.Add((method.GetString()!, parameters));
                    NotificationReceived?.Invoke(method.GetString()!, parameters);
                }
                else if (hasId && id.ValueKind == JsonValueKind.Null)
                {
                    // An error answering a message the server could not read at all.
                    lock (_notifications) _notifications.Add((ResponseWithoutId, message.Clone()));
                }
                else if (hasId && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out int n) && _pending.TryRemove(n, out var tcs)) tcs.TrySetResult(message.Clone());
            }
        }
        finally
        {
            foreach (var tcs in _pending.Values) tcs.TrySetException(new IOException("The connection closed."));
        }
    }

    /// <summary>The requests the server sent (method and params), in order; each was answered.</summary>
    public IReadOnlyList<(string Method, JsonElement Params)> RequestsFromServer
    {
        get { lock (_requestsFromServer) return [.. _requestsFromServer]; }
    }

    private readonly List<(string Method, JsonElement Params)> _requestsFromServer = [];

    private async Task AnswerAsync(JsonElement id, string method, JsonElement parameters)
    {
        lock (_requestsFromServer) _requestsFromServer.Add((method, parameters));
        JsonNode? result = null;
        if (method == "workspace/configuration")
        {
            await HoldConfiguration.Task;
            Interlocked.Increment(ref ConfigurationRequests);
            var items = new JsonArray();
            foreach (var _ in parameters.GetProperty("items").EnumerateArray()) items.Add(Settings?.DeepClone());
            result = items;
        }
        else if (method == "workspace/diagnostic/refresh") Interlocked.Increment(ref RefreshRequests);
        lock (_serverRequests) _serverRequests.Add(method);
        var answer = Refused.Contains(method)
            ? new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(id.GetRawText()), ["error"] = new JsonObject { ["code"] = -32603, ["message"] = "refused" } }
            : new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(id.GetRawText()), ["result"] = result };
        await SendRawAsync(answer.ToJsonString());
    }

    private async Task<JsonElement?> ReadMessageAsync()
    {
        int length = -1;
        while (true)
        {
            string? line = await ReadHeaderLineAsync();
            if (line is null) return null;
            if (line.Length == 0) break;
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line[15..].Trim());
        }
        if (length < 0) throw new InvalidDataException("A message without Content-Length: something else wrote to the protocol stream.");
        var body = new byte[length];
        await _input.ReadExactlyAsync(body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string?> ReadHeaderLineAsync()
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await _input.ReadAsync(one) == 0) return null;
            if (one[0] == '\n') return Encoding.ASCII.GetString([.. bytes]).TrimEnd('\r');
            bytes.Add(one[0]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _output.Dispose();
        _input.Dispose();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch
        {
            // The reader ends with the streams.
        }
    }
}
