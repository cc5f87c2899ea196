using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Syntax;

/// <summary>
/// Finds shortcode calls in a note's text the way Hugo's page lexer does: every <c>{{&lt;</c> and
/// <c>{{%</c> outside the front matter starts a call, whatever Markdown surrounds it (code fences
/// and HTML comments included). A call Hugo's lexer rejects is recorded with its error and read
/// leniently, and scanning goes on after it, so one broken call does not hide the rest of the note.
/// </summary>
public static class ShortcodeLexer
{
    public static ImmutableArray<ShortcodeCall> Lex(string text, int start, int end) => Lex(text, start, end, parallel: false);

    /// <summary>
    /// <see cref="Lex(string, int, int)"/>, the second half of [start, end) read on another thread
    /// when <paramref name="parallel"/> (see NoteParser.ParallelFrom): the same calls either way.
    /// </summary>
    internal static ImmutableArray<ShortcodeCall> Lex(string text, int start, int end, bool parallel)
    {
        // One pass over the text (a large note's text does not fit in the caches: each pass reads
        // it from memory). The calls are gathered in a pooled buffer and copied once into the
        // result, so a large note's array is allocated once, not regrown on the large object heap.
        //
        // In two halves: where the scan goes on next depends only on where it is (a call is read
        // from its "{{" alone), so the first half's scan, carried on past the middle, meets the
        // second half's scan at the first place both reach, and from there finds what it found.
        // The second half notes every place its scan goes on from, with the calls found before it.
        int middle = parallel ? start + (end - start) / 2 : end;
        var head = new Pooled<ShortcodeCall>(64);
        Pooled<ShortcodeCall> tail = default;
        Pooled<(int At, int CallsBefore)> visited = default;
        try
        {
            int pos = start;
            bool done = false;
            if (middle >= end) done = !Scan(text, ref pos, end, end, ref head);
            else Parallel.Invoke(
                () => done = !Scan(text, ref pos, middle, end, ref head),
                () =>
                {
                    tail = new Pooled<ShortcodeCall>(64);
                    visited = new Pooled<(int, int)>(64);
                    int from = middle;
                    while (from < end)
                    {
                        visited.Add((from, tail.Count));
                        if (!Step(text, ref from, end, out var call)) break;
                        if (call is not null) tail.Add(call);
                    }
                });
            for (int k = 0; !done && pos < end;)
            {
                while (k < visited.Count && visited[k].At < pos) k++;
                if (k < visited.Count && visited[k].At == pos)
                {
                    for (int i = visited[k].CallsBefore; i < tail.Count; i++) head.Add(tail[i]);
                    break;
                }
                if (!Step(text, ref pos, end, out var call)) break;
                if (call is not null) head.Add(call);
            }
            return ImmutableArray.Create(head.Items, 0, head.Count);
        }
        finally
        {
            // Cleared: a pooled array must not keep a note's calls alive.
            head.Return();
            tail.Return();
            visited.Return();
        }
    }

    /// <summary>Scans from pos until it reaches <paramref name="until"/>; false when no "{{" is left before end.</summary>
    private static bool Scan(string text, ref int pos, int until, int end, ref Pooled<ShortcodeCall> calls)
    {
        while (pos < until)
        {
            if (!Step(text, ref pos, end, out var call)) return false;
            if (call is not null) calls.Add(call);
        }
        return true;
    }

    /// <summary>
    /// One step of the scan: from the next "{{" after pos, the call it starts if any, and where
    /// the scan goes on. False when no "{{" is left before end.
    /// </summary>
    private static bool Step(string text, ref int pos, int end, out ShortcodeCall? call)
    {
        call = null;
        int found = text.AsSpan(pos, end - pos).IndexOf("{{", StringComparison.Ordinal);
        if (found < 0) return false;
        int at = pos + found;
        if (at + 2 >= end || (text[at + 2] != '<' && text[at + 2] != '%'))
        {
            pos = at + 2;
            return true;
        }
        call = new CallReader(text, at, end).Read();
        pos = Math.Max(call.Span.End, at + 3);
        return true;
    }

    /// <summary>A list in an array rented from the shared pool; <see cref="Return"/> clears and gives it back.</summary>
    private struct Pooled<T>(int capacity)
    {
        public T[] Items = ArrayPool<T>.Shared.Rent(capacity);
        public int Count;

        public readonly T this[int i] => Items[i];

        public void Add(T item)
        {
            if (Count == Items.Length)
            {
                var larger = ArrayPool<T>.Shared.Rent(Items.Length * 2);
                Items.AsSpan(0, Count).CopyTo(larger);
                ArrayPool<T>.Shared.Return(Items, clearArray: true);
                Items = larger;
            }
            Items[Count++] = item;
        }

        public void Return()
        {
            if (Items is null) return;
            Items.AsSpan(0, Count).Clear();
            ArrayPool<T>.Shared.Return(Items);
            Items = null!;
        }
    }

    /// <summary>Reads one call with Hugo's rules; on a Hugo error, falls back to a lenient reading.</summary>
    private struct CallReader(string text, int start, int end)
    {
        private readonly ShortcodeNotation _notation = text[start + 2] == '%' ? ShortcodeNotation.Percent : ShortcodeNotation.Angle;
        private string RightDelim => _notation == ShortcodeNotation.Percent ? "%}}" : ">}}";

        private int _pos;
        private string? _name;
        private TextSpan _nameSpan;
        private bool _closing;
        private bool _selfClosing;
        private bool _awaitingValue;
        private int _paramElements; // 0 none yet, 1 positional, 2 named (Hugo's own bookkeeping)
        private int _lookedAt; // beyond _pos: where an error message's look-ahead read to
        private List<ShortcodeParameter>? _parameters; // most calls (closing tags) have none

        public ShortcodeCall Read()
        {
            _pos = start + 3;
            if (HasPrefix("/*")) return ReadEscaped();

            var error = ReadStrict();
            if (error is null)
            {
                return new ShortcodeCall
                {
                    Span = TextSpan.FromBounds(start, _pos),
                    Notation = _notation,
                    Name = _name ?? "",
                    NameSpan = _nameSpan,
                    Parameters = _parameters is null ? [] : [.. _parameters],
                    IsClosing = _closing,
                    IsSelfClosing = _selfClosing,
                };
            }
            // Looked at: up to where it stopped, the delimiter it peeked for, the word after a swallowed one.
            error = error with { ReadTo = Math.Min(end, Math.Max(_pos, _lookedAt) + 3) };
            return new LenientCallReader(text, start, end, _notation).Read(error);
        }

        private ShortcodeCall ReadEscaped()
        {
            string closer = "*/" + RightDelim;
            int close = text.AsSpan(_pos, end - _pos).IndexOf(closer, StringComparison.Ordinal);
            // Hugo looks for the closer from the "/*" and takes one that overlaps it ("{{</*/>}}",
            // found at 1) as no closer: "comment must be closed", even when another follows.
            if (close <= 1)
            {
                int lineEnd = LineEndFrom(text, start, end);
                return new ShortcodeCall
                {
                    Span = TextSpan.FromBounds(start, lineEnd),
                    Notation = _notation,
                    Name = "",
                    NameSpan = new TextSpan(start + 3, 0),
                    IsEscaped = true,
                    SyntaxError = new ShortcodeSyntaxError(ShortcodeErrorKind.UnclosedComment, "comment must be closed",
                        TextSpan.FromBounds(start, Math.Min(lineEnd, start + 5))) { ReadTo = end },
                };
            }
            int stop = _pos + close + closer.Length;
            // The name, for tools that want to show what the escaped call would be.
            int nameStart = _pos + 2;
            while (nameStart < stop && (text[nameStart] == ' ' || text[nameStart] == '\t' || text[nameStart] == '/')) nameStart++;
            int nameEnd = nameStart;
            while (nameEnd < stop && IsNameChar(text[nameEnd])) nameEnd++;
            return new ShortcodeCall
            {
                Span = TextSpan.FromBounds(start, stop),
                Notation = _notation,
                Name = text[nameStart..nameEnd],
                NameSpan = TextSpan.FromBounds(nameStart, nameEnd),
                IsEscaped = true,
            };
        }

        /// <summary>Hugo's lexInsideShortcode and friends. Returns null when the call ends cleanly.</summary>
        private ShortcodeSyntaxError? ReadStrict()
        {
            while (true)
            {
                if (HasPrefix(RightDelim))
                {
                    _pos += 3;
                    return _name is null
                        ? Error(ShortcodeErrorKind.MissingName, "shortcode has no name", start, _pos)
                        : null;
                }
                if (_pos >= end) return Error(ShortcodeErrorKind.UnclosedAction, "unclosed shortcode action", start, Math.Min(end, start + 3));
                char c = text[_pos];
                if (c is ' ' or '\t' or '\r' or '\n')
                {
                    _pos++;
                    continue;
                }
                if (c == '=')
                {
                    _pos++;
                    while (_pos < end && char.IsWhiteSpace(text[_pos])) _pos++;
                    var error = ReadNamedValue();
                    if (error is not null) return error;
                    continue;
                }
                if (c == '/')
                {
                    int slash = _pos++;
                    if (_name is null) _closing = true;
                    else
                    {
                        _selfClosing = true;
                        if (!HasPrefix(RightDelim))
                            return Error(ShortcodeErrorKind.Other, "unclosed shortcode", slash, slash + 1);
                    }
                    continue;
                }
                if (_name is not null && (IsAlphaNumericOrHyphen(c) || c == '"' || c == '`' || c == '\\'))
                {
                    var error = ReadParameter();
                    if (error is not null) return error;
                    continue;
                }
                if (_name is null && IsAlphaNumeric(c))
                {
                    var error = ReadName();
                    if (error is not null) return error;
                    continue;
                }
                return Error(ShortcodeErrorKind.UnrecognizedCharacter,
                    $"unrecognized character in shortcode action: U+{(int)c:X4} '{c}'. Note: Parameters with non-alphanumeric args must be quoted",
                    _pos, _pos + 1);
            }
        }

        private ShortcodeSyntaxError? ReadName()
        {
            int nameStart = _pos;
            while (_pos < end)
            {
                char c = text[_pos];
                if (IsAlphaNumericOrHyphen(c) || c == '/') _pos++;
                else if (c == '.')
                {
                    if (!text.AsSpan(_pos + 1).StartsWith("inline ", StringComparison.Ordinal))
                        return Error(ShortcodeErrorKind.BadName, "period in shortcode name only allowed for inline identifiers", _pos, _pos + 1);
                    _pos++;
                }
                else break;
            }
            _name = Words.Get(text, nameStart, _pos);
            _nameSpan = TextSpan.FromBounds(nameStart, _pos);
            if (!_closing) return null;

            // Hugo's lexEndOfShortcode: after a closing tag's name only spaces may come.
            while (true)
            {
                if (HasPrefix(RightDelim)) return null;
                if (_pos < end && (text[_pos] == ' ' || text[_pos] == '\t')) _pos++;
                else return Error(ShortcodeErrorKind.Other, "unclosed shortcode", start, _pos);
            }
        }

        private ShortcodeSyntaxError? ReadParameter()
        {
            int paramStart = _pos;
            char first = text[_pos];
            if (first == '\\')
            {
                _pos++;
                if (_pos >= end || (text[_pos] != '"' && text[_pos] != '`'))
                    return Error(ShortcodeErrorKind.UnrecognizedCharacter, "unrecognized escape character", paramStart, _pos);
                first = text[_pos];
            }
            if (first is '"' or '`')
            {
                if (_paramElements == 2)
                    return Error(ShortcodeErrorKind.MixedParameters,
                        "got quoted positional parameter. Cannot mix named and positional parameters", _pos, _pos + 1);
                _paramElements = 1;
                var (value, valueSpan, quoting, error) = first == '"' ? ReadDoubleQuoted() : ReadRaw();
                if (error is not null) return error;
                (_parameters ??= []).Add(new ShortcodeParameter(null, null, value!, valueSpan, quoting));
                return null;
            }

            _pos++;
            bool named = false;
            while (_pos < end)
            {
                char c = text[_pos];
                if (c == '=')
                {
                    named = true;
                    break;
                }
                if (!IsAlphaNumericOrHyphen(c) && c != '.') break;
                _pos++;
            }
            string word = Words.Get(text, paramStart, _pos);
            if (_paramElements == 0) _paramElements = named ? 2 : 1;
            else if (named && _paramElements == 1)
                return Error(ShortcodeErrorKind.MixedParameters,
                    $"got named parameter '{word}'. Cannot mix named and positional parameters", paramStart, _pos);
            else if (!named && _paramElements == 2)
                return Error(ShortcodeErrorKind.MixedParameters,
                    $"got positional parameter '{word}'. Cannot mix named and positional parameters", paramStart, _pos);

            var span = TextSpan.FromBounds(paramStart, _pos);
            _awaitingValue = named;
            (_parameters ??= []).Add(named
                ? new ShortcodeParameter(word, span, "", new TextSpan(_pos + 1, 0), ParameterQuoting.None)
                : new ShortcodeParameter(null, null, word, span, ParameterQuoting.None));
            return null;
        }

        /// <summary>The value after '='; it belongs to the last parameter read.</summary>
        private ShortcodeSyntaxError? ReadNamedValue()
        {
            string? value;
            TextSpan valueSpan;
            ParameterQuoting quoting;
            if (_pos < end && (text[_pos] == '"' || text[_pos] == '\\'))
            {
                if (text[_pos] == '\\') _pos++;
                ShortcodeSyntaxError? error;
                (value, valueSpan, quoting, error) = ReadDoubleQuoted();
                if (error is not null) return error;
            }
            else if (_pos < end && text[_pos] == '`')
            {
                ShortcodeSyntaxError? error;
                (value, valueSpan, quoting, error) = ReadRaw();
                if (error is not null) return error;
            }
            else
            {
                // Hugo's consumeToSpace: the value runs to the next white space, delimiters and all.
                int valueStart = _pos;
                while (_pos < end && !char.IsWhiteSpace(text[_pos])) _pos++;
                value = Words.Get(text, valueStart, _pos);
                valueSpan = TextSpan.FromBounds(valueStart, _pos);
                quoting = ParameterQuoting.None;
                int swallowed = value.IndexOf(RightDelim, StringComparison.Ordinal);
                if (swallowed >= 0)
                {
                    // Hugo reads on into the next line as more parameters and fails there, with a
                    // message about positional parameters. The cause is here.
                    return Error(ShortcodeErrorKind.ValueSwallowsDelimiter, NextHugoErrorAfterSwallow(),
                        valueSpan);
                }
            }

            if (!_awaitingValue)
            {
                // A value with no parameter name before it ("= x" after a positional word).
                (_parameters ??= []).Add(new ShortcodeParameter(null, null, value!, valueSpan, quoting));
                return null;
            }
            _awaitingValue = false;
            var last = _parameters![^1];
            _parameters[^1] = last with { Value = value!, ValueSpan = valueSpan, Quoting = quoting };
            return null;
        }

        private string NextHugoErrorAfterSwallow()
        {
            // Reproduce what Hugo goes on to say: the next word it meets is read as a positional parameter.
            int p = _pos;
            while (p < end && char.IsWhiteSpace(text[p])) p++;
            _lookedAt = p;
            if (p >= end) return "unclosed shortcode action";
            int w = p;
            while (w < end && (IsAlphaNumericOrHyphen(text[w]) || text[w] == '.')) w++;
            _lookedAt = w + 1;
            if (w > p)
                return $"got positional parameter '{text[p..w]}'. Cannot mix named and positional parameters";
            return $"unrecognized character in shortcode action: U+{(int)text[p]:X4} '{text[p]}'. Note: Parameters with non-alphanumeric args must be quoted";
        }

        private (string? Value, TextSpan Span, ParameterQuoting Quoting, ShortcodeSyntaxError? Error) ReadDoubleQuoted()
        {
            int open = _pos; // at '"'
            _pos++;
            var sb = (StringBuilder?)null;
            int runStart = _pos;
            while (true)
            {
                if (_pos >= end || text[_pos] == '\n')
                {
                    string partial = text[runStart..Math.Min(_pos, end)];
                    return (null, default, ParameterQuoting.Double,
                        Error(ShortcodeErrorKind.UnterminatedQuote,
                            $"unterminated quoted string in shortcode parameter-argument: '{partial}'", open, _pos));
                }
                char c = text[_pos];
                if (c == '\\' && _pos + 1 < end && text[_pos + 1] == '"')
                {
                    sb ??= new StringBuilder();
                    sb.Append(text, runStart, _pos - runStart).Append('"');
                    _pos += 2;
                    runStart = _pos;
                    continue;
                }
                if (c == '"') break;
                _pos++;
            }
            string value = sb is null ? Words.Get(text, runStart, _pos) : sb.Append(text, runStart, _pos - runStart).ToString();
            _pos++; // closing quote
            return (value, TextSpan.FromBounds(open, _pos), ParameterQuoting.Double, null);
        }

        private (string? Value, TextSpan Span, ParameterQuoting Quoting, ShortcodeSyntaxError? Error) ReadRaw()
        {
            int open = _pos;
            int close = _pos + 1 < end ? text.IndexOf('`', _pos + 1, end - _pos - 1) : -1;
            if (close < 0)
            {
                _pos = end;
                return (null, default, ParameterQuoting.Backtick,
                    Error(ShortcodeErrorKind.UnterminatedQuote, "unterminated raw string in shortcode parameter-argument", open, open + 1));
            }
            _pos = close + 1;
            return (text[(open + 1)..close], TextSpan.FromBounds(open, _pos), ParameterQuoting.Backtick, null);
        }

        private bool HasPrefix(string s) => _pos + s.Length <= end && string.CompareOrdinal(text, _pos, s, 0, s.Length) == 0;

        private static ShortcodeSyntaxError Error(ShortcodeErrorKind kind, string message, int from, int to) =>
            new(kind, message, TextSpan.FromBounds(from, Math.Max(from, to)));

        private static ShortcodeSyntaxError Error(ShortcodeErrorKind kind, string message, TextSpan span) =>
            new(kind, message, span);
    }

    /// <summary>
    /// Reads a call Hugo rejected, as the author most likely meant it: up to the first closing
    /// delimiter, with single quotes taken as quotes, so that its name and parameters can still
    /// be reported on and the blocks after it still found.
    /// </summary>
    private sealed class LenientCallReader(string text, int start, int end, ShortcodeNotation notation)
    {
        private string RightDelim => notation == ShortcodeNotation.Percent ? "%}}" : ">}}";

        public ShortcodeCall Read(ShortcodeSyntaxError error)
        {
            int close = text.AsSpan(start + 3, end - start - 3).IndexOf(RightDelim, StringComparison.Ordinal);
            // A call with no closing delimiter ends, for recovery, at the end of its line.
            int stop = close < 0 ? LineEndFrom(text, start, end) : start + 3 + close + 3;
            int inner = close < 0 ? stop : stop - 3;
            int p = start + 3;
            SkipSpace(ref p, inner);
            bool closing = false, selfClosing = false;
            if (p < inner && text[p] == '/')
            {
                closing = true;
                p++;
                SkipSpace(ref p, inner);
            }
            int nameStart = p;
            while (p < inner && IsNameChar(text[p])) p++;
            var nameSpan = TextSpan.FromBounds(nameStart, p);
            var parameters = ImmutableArray.CreateBuilder<ShortcodeParameter>();
            while (p < inner)
            {
                SkipSpace(ref p, inner);
                if (p >= inner) break;
                if (text[p] == '/' && p + 1 == inner)
                {
                    selfClosing = true;
                    break;
                }
                int wordStart = p;
                string? name = null;
                TextSpan? nameOfParam = null;
                if (IsAlphaNumericOrHyphen(text[p]))
                {
                    while (p < inner && (IsAlphaNumericOrHyphen(text[p]) || text[p] == '.')) p++;
                    int wordEnd = p;
                    int q = p;
                    SkipSpace(ref q, inner);
                    if (q < inner && text[q] == '=')
                    {
                        name = text[wordStart..wordEnd];
                        nameOfParam = TextSpan.FromBounds(wordStart, wordEnd);
                        p = q + 1;
                        SkipSpace(ref p, inner);
                    }
                    else
                    {
                        parameters.Add(new ShortcodeParameter(null, null, text[wordStart..wordEnd], TextSpan.FromBounds(wordStart, wordEnd), ParameterQuoting.None));
                        continue;
                    }
                }
                if (p >= inner)
                {
                    parameters.Add(new ShortcodeParameter(name, nameOfParam, "", new TextSpan(p, 0), ParameterQuoting.None));
                    break;
                }
                char quote = text[p];
                int valueStart = p;
                string value;
                ParameterQuoting quoting;
                if (quote is '"' or '\'' or '`')
                {
                    int closeQuote = text.IndexOf(quote, p + 1, inner - p - 1 < 0 ? 0 : inner - p - 1);
                    int valueEnd = closeQuote < 0 ? inner : closeQuote;
                    value = text[(p + 1)..valueEnd];
                    p = closeQuote < 0 ? inner : closeQuote + 1;
                    quoting = quote switch { '"' => ParameterQuoting.Double, '`' => ParameterQuoting.Backtick, _ => ParameterQuoting.Single };
                }
                else
                {
                    while (p < inner && !char.IsWhiteSpace(text[p]) && !(text[p] == '/' && p + 1 == inner)) p++;
                    value = text[valueStart..p];
                    quoting = ParameterQuoting.None;
                    if (p == valueStart) p++; // an unexpected character: step over it
                }
                parameters.Add(new ShortcodeParameter(name, nameOfParam, value, TextSpan.FromBounds(valueStart, p), quoting));
            }
            return new ShortcodeCall
            {
                Span = TextSpan.FromBounds(start, stop),
                Notation = notation,
                Name = text[nameSpan.Start..nameSpan.End],
                NameSpan = nameSpan,
                Parameters = parameters.ToImmutable(),
                IsClosing = closing,
                IsSelfClosing = selfClosing,
                SyntaxError = error,
            };
        }

        private void SkipSpace(ref int p, int limit)
        {
            while (p < limit && char.IsWhiteSpace(text[p])) p++;
        }
    }

    /// <summary>
    /// The names and values every note repeats (shortcode names, "color", the colours) as shared
    /// strings, so reading a note with hundreds of blocks does not allocate them again and again.
    /// </summary>
    private static class Words
    {
        private static readonly string[] Known =
        [
            "orbit_review", "orbit_review_start", "orbit_flashcard", "orbit_review_end", "color", "question", "answer",
            "figure", "src", "title", "red", "orange", "brown", "yellow", "lime", "green", "turquoise", "cyan", "blue",
            "violet", "purple", "pink",
        ];

        public static string Get(string text, int start, int end)
        {
            var span = text.AsSpan(start, end - start);
            if (span.Length <= 18)
                foreach (var word in Known)
                    if (span.SequenceEqual(word)) return word;
            return span.ToString();
        }
    }

    private static int LineEndFrom(string text, int from, int end)
    {
        int nl = text.IndexOfAny(['\r', '\n'], from, end - from);
        return nl < 0 ? end : nl;
    }

    internal static bool IsNameChar(char c) => IsAlphaNumericOrHyphen(c) || c == '/' || c == '.';

    private static bool IsAlphaNumeric(char c) => c == '_' || char.IsLetterOrDigit(c);

    private static bool IsAlphaNumericOrHyphen(char c) => c == '-' || IsAlphaNumeric(c);
}
