using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Nerdbank.Streams;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>
/// LSP's Content-Length framing read by the server itself, so that no input can end or wedge the
/// connection: StreamJsonRpc's own reader closes it on a bad header, waits forever on a length
/// nobody will send, and fails on a negative one. Writing is StreamJsonRpc's.
/// <list type="bullet">
/// <item>A header block it cannot frame (no Content-Length, a length that is not a number of bytes
/// or is above <see cref="MaxContentLength"/>, a line that is not a header, no blank line within
/// <see cref="MaxHeaderBytes"/>) is answered with ParseError (id null) and logged; reading goes
/// on at the next <c>Content-Length:</c> in the input, the bytes before it dropped as they come.</item>
/// <item>A body that is not JSON gets ParseError (id null); JSON that is not a request, a
/// notification or a response gets InvalidRequest (with its id when it has one). A body that
/// holds a <c>Content-Length:</c> header (its length was too long) is framed again from there.</item>
/// <item>A request whose id is that of a request not yet answered gets InvalidRequest with that id;
/// the first one is answered as usual.</item>
/// </list>
/// Header lines may end with LF alone; header names are matched ignoring case.
/// </summary>
public sealed class TolerantMessageHandler : HeaderDelimitedMessageHandler
{
    /// <summary>
    /// Bytes asked of the input at a time: a pipe's whole capacity on Linux. StreamJsonRpc's reader
    /// over a stream asks for 4 KB, and the 1 MB didOpen of a large note then took some 250 reads
    /// of the input, each a trip through the thread pool.
    /// </summary>
    public const int ReadSize = 64 * 1024;

    /// <summary>Bodies at least this long are timed (<see cref="LargeMessageRead"/>).</summary>
    public const int LargeMessage = 64 * 1024;

    private readonly Action<string> onBadInput;

    public TolerantMessageHandler(Stream output, Stream input, IJsonRpcMessageFormatter formatter, Action<string> onBadInput)
        : base(output.UsePipeWriter(), PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: ReadSize, leaveOpen: true)), formatter)
    {
        this.onBadInput = onBadInput;
        // What StreamJsonRpc does for streams it is given: the output is closed once all is written,
        // the input when the connection is disposed (a read waiting on it then ends).
#pragma warning disable CS0618 // Nerdbank.Streams implements the obsolete callback; StreamJsonRpc relies on it too.
        Writer!.OnReaderCompleted((_, stream) => ((Stream)stream!).Dispose(), output);
#pragma warning restore CS0618
        DisposalToken.Register(stream => ((Stream)stream!).Dispose(), input);
    }

    /// <summary>
    /// Told of each body of at least <see cref="LargeMessage"/> bytes: its length, the time from
    /// its header to its last byte, the time its JSON took to read into a message, and how many
    /// long texts were taken out of it first (<see cref="LargeText"/>).
    /// </summary>
    public Action<long, TimeSpan, TimeSpan, int>? LargeMessageRead { get; set; }

    /// <summary>The largest body read: ten times a 50 MB note, whose didOpen is about 50 MB of JSON.</summary>
    public const long MaxContentLength = 512L * 1024 * 1024;

    /// <summary>A header block longer than this without its blank line is not a header.</summary>
    public const int MaxHeaderBytes = 8 * 1024;

    private static readonly byte[] ContentLength = "content-length:"u8.ToArray();

    private readonly Lock _gate = new();
    private readonly HashSet<RequestId> _unanswered = [];
    private readonly HashSet<JsonRpcMessage> _ownAnswers = new(ReferenceEqualityComparer.Instance);

    private PipeReader In => Reader ?? throw new InvalidOperationException("No input stream.");

    // NOTE: the state of a read that waits for input (every message's, once the client waits for
    // an answer) is kept in a pooled box, not a new one per message (about 500 bytes a message
    // with the header's read below).
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var header = await ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
            if (header is null) return null;
            if (header.Value.Error is { } error)
            {
                await RefuseAsync(JsonRpcErrorCode.ParseError, null, error, cancellationToken).ConfigureAwait(false);
                if (!await ResynchroniseAsync(cancellationToken).ConfigureAwait(false)) return null;
                continue;
            }
            long length = header.Value.Length;
            if (length == 0)
            {
                await RefuseAsync(JsonRpcErrorCode.ParseError, null, "A message with Content-Length 0 has no body: it is not JSON.", cancellationToken).ConfigureAwait(false);
                continue;
            }
            LargeText.Announced(length);
            ReadResult read;
            long started = Stopwatch.GetTimestamp();
            try
            {
                read = await ReadAtLeastAsync((int)length, allowEmpty: false, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
                onBadInput($"The input ended inside a message: {length} bytes were announced.");
                return null;
            }
            var body = read.Buffer.Slice(0, length);
            var consumed = body.End;
            long arrived = Stopwatch.GetTimestamp();
            JsonRpcMessage? message = null;
            int taken = 0;
            try
            {
                // From a copy: the formatter keeps the JSON it was given, and reads a message's
                // params from it only when the message is dispatched, after the pipe's buffer has
                // been handed back and written over (a note holding a lone surrogate, whose text is
                // read from the raw bytes, was read from the next message's: found by the typing
                // test over the protocol).
                // A long note's text is taken out first (LargeText): the formatter reads the rest.
                var (copy, texts) = Copy(body);
                message = Formatter is IJsonRpcMessageTextFormatter text ? text.Deserialize(copy, Encoding.UTF8) : Formatter.Deserialize(copy);
                LargeText.Hold(message, texts);
                taken = texts.Length;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var (code, id, what) = Diagnose(body, e);
                // A length that was too long swallowed the next message's header: frame again from it.
                if (Find(body.Slice(1), out var next)) consumed = next;
                In.AdvanceTo(consumed);
                await RefuseAsync(code, id, what, cancellationToken).ConfigureAwait(false);
                continue;
            }
            In.AdvanceTo(consumed);
            if (length >= LargeMessage && LargeMessageRead is { } told)
                told(length, Stopwatch.GetElapsedTime(started, arrived), Stopwatch.GetElapsedTime(arrived), taken);
            if (message is JsonRpcRequest { IsResponseExpected: true } request)
            {
                bool added;
                lock (_gate) added = _unanswered.Add(request.RequestId);
                if (!added)
                {
                    await RefuseAsync(JsonRpcErrorCode.InvalidRequest, request.RequestId,
                        $"Request id {request.RequestId} is that of a request not yet answered: this one is refused, that one will be answered.", cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }
            return message;
        }
    }

    protected override void Write(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        if (((content as JsonRpcResult)?.RequestId ?? (content as JsonRpcError)?.RequestId) is { } id)
        {
            lock (_gate)
            {
                if (!_ownAnswers.Remove(content)) _unanswered.Remove(id);
            }
        }
        base.Write(content, cancellationToken);
    }

    /// <summary>
    /// The body as the formatter is to have it: a copy of its own, with long texts taken out; when
    /// one cannot be, the whole body as it came (the copy's texts are read in place, see <see cref="LargeText.TakeOut"/>).
    /// </summary>
    private static (ReadOnlySequence<byte> Json, string[] Texts) Copy(ReadOnlySequence<byte> body)
    {
        if (body.Length < LargeText.MinLength) return (new ReadOnlySequence<byte>(body.ToArray()), []);
        int length = (int)body.Length;
        byte[] whole = LargeText.Rent(length);
        try
        {
            body.CopyTo(whole);
            var json = whole.AsSpan(0, length);
            return (new ReadOnlySequence<byte>(LargeText.TakeOut(json, out var texts) ?? body.ToArray()), texts);
        }
        finally
        {
            LargeText.Return(whole);
        }
    }

    private async Task RefuseAsync(JsonRpcErrorCode code, RequestId? id, string message, CancellationToken cancellationToken)
    {
        onBadInput(message);
        var error = new JsonRpcError
        {
            RequestId = id ?? new RequestId(null),
            Error = new JsonRpcError.ErrorDetail { Code = code, Message = message },
        };
        lock (_gate) _ownAnswers.Add(error);
        await WriteAsync(error, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>ParseError for a body that is not JSON; InvalidRequest, with the id if there is one, for JSON that is no message.</summary>
    private static (JsonRpcErrorCode Code, RequestId? Id, string Message) Diagnose(ReadOnlySequence<byte> body, Exception e)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (JsonRpcErrorCode.InvalidRequest, null, $"The message is JSON but not an object ({root.ValueKind}): batches and bare values are not JSON-RPC messages of LSP.");
            RequestId? id = root.TryGetProperty("id", out var value) ? value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt64(out long n) => new RequestId(n),
                JsonValueKind.String => new RequestId(value.GetString()),
                _ => null,
            } : null;
            return (JsonRpcErrorCode.InvalidRequest, id, "The message is not a valid JSON-RPC request, notification or response: " + e.Message);
        }
        catch (Exception notJson) when (notJson is JsonException or InvalidOperationException or ArgumentException)
        {
            return (JsonRpcErrorCode.ParseError, null, "The message is not valid JSON: " + (e is JsonException ? e.Message : notJson.Message));
        }
    }

    private readonly record struct Header(long Length, string? Error);

    /// <summary>The next header block, consumed; null at the end of the input.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Header?> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await In.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            if (TryParseHeader(buffer, out var end, out var header))
            {
                // A bad block is left in place: resynchronising searches it too.
                In.AdvanceTo(header.Error is null ? end : buffer.Start);
                return header;
            }
            if (buffer.Length > MaxHeaderBytes)
            {
                In.AdvanceTo(buffer.Start);
                return new Header(0, $"No header block ends within {MaxHeaderBytes} bytes: this is not an LSP message header.");
            }
            if (read.IsCompleted)
            {
                if (!buffer.IsEmpty && !IsBlank(buffer)) onBadInput($"The input ended inside a message header ({buffer.Length} bytes).");
                In.AdvanceTo(buffer.End);
                return null;
            }
            In.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> buffer)
    {
        foreach (var segment in buffer)
            if (segment.Span.IndexOfAnyExcept("\r\n"u8) >= 0) return false;
        return true;
    }

    /// <summary>Parses the header block at the start of <paramref name="buffer"/>: false while its blank line has not arrived.</summary>
    private static bool TryParseHeader(ReadOnlySequence<byte> buffer, out SequencePosition end, out Header header)
    {
        var reader = new SequenceReader<byte>(buffer);
        long? length = null;
        bool any = false;
        end = buffer.Start;
        header = default;
        while (reader.TryReadTo(out ReadOnlySpan<byte> line, (byte)'\n'))
        {
            if (reader.Consumed > MaxHeaderBytes) return false;
            if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
            if (line.Length == 0)
            {
                // Blank lines between messages (a client that ends its body with a line break) are skipped.
                if (!any) continue;
                end = reader.Position;
                header = length is { } n ? new Header(n, null) : new Header(0, "A message header without Content-Length.");
                return true;
            }
            any = true;
            int colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]))
            {
                header = new Header(0, $"Not an LSP message header: '{Printable(line)}'.");
                return true;
            }
            if (!Ascii.EqualsIgnoreCase(line[..(colon + 1)], ContentLength)) continue;
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (value.Length is 0 or > 18 || value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
            {
                header = new Header(0, $"Content-Length is not a number of bytes: '{Printable(value)}'.");
                return true;
            }
            long parsed = long.Parse(value, provider: System.Globalization.CultureInfo.InvariantCulture);
            if (parsed > MaxContentLength)
            {
                header = new Header(0, $"Content-Length {parsed} is above the server's limit of {MaxContentLength} bytes: the message is not read.");
                return true;
            }
            length = parsed;
        }
        return false;
    }

    private static bool IsToken(ReadOnlySpan<byte> name)
    {
        foreach (byte b in name)
            if (!(char.IsAsciiLetterOrDigit((char)b) || b == '-' || b == '_')) return false;
        return true;
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (byte b in bytes[..Math.Min(bytes.Length, 80)])
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : '?');
        if (bytes.Length > 80) text.Append('…');
        return text.ToString();
    }

    /// <summary>
    /// Drops input up to the next <c>Content-Length:</c> after the first byte, without holding what
    /// it drops; false when the input ends first.
    /// </summary>
    private async ValueTask<bool> ResynchroniseAsync(CancellationToken cancellationToken)
    {
        long dropped = 0;
        bool first = true;
        while (true)
        {
            var read = await In.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            var search = first && !buffer.IsEmpty ? buffer.Slice(1) : buffer;
            if (Find(search, out var found))
            {
                dropped += buffer.Slice(0, found).Length;
                In.AdvanceTo(found);
                onBadInput($"Reading on at the next Content-Length header; {dropped} bytes dropped.");
                return true;
            }
            if (read.IsCompleted)
            {
                In.AdvanceTo(buffer.End);
                onBadInput($"The input ended while looking for the next Content-Length header; {dropped + buffer.Length} bytes dropped.");
                return false;
            }
            // The tail could be the start of the header: keep it.
            long keep = Math.Min(search.Length, ContentLength.Length - 1);
            var cut = buffer.GetPosition(buffer.Length - keep);
            dropped += buffer.Length - keep;
            first = first && buffer.IsEmpty;
            In.AdvanceTo(cut, buffer.End);
        }
    }

    /// <summary>The position of the first <c>Content-Length:</c> (any case) in <paramref name="buffer"/>.</summary>
    private static bool Find(ReadOnlySequence<byte> buffer, out SequencePosition position)
    {
        var reader = new SequenceReader<byte>(buffer);
        Span<byte> candidate = stackalloc byte[ContentLength.Length];
        while (reader.TryAdvanceToAny("Cc"u8, advancePastDelimiter: false))
        {
            if (reader.TryCopyTo(candidate) && Ascii.EqualsIgnoreCase(candidate, ContentLength))
            {
                position = reader.Position;
                return true;
            }
            reader.Advance(1);
        }
        position = default;
        return false;
    }
}
