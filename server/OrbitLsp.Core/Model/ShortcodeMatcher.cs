using System.Collections.Immutable;
using System.Runtime.InteropServices;
using OrbitLsp.Core.Syntax;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Model;

/// <summary>
/// Pairs <c>orbit_review</c> opening and closing tags as Hugo's parser does (innermost open block
/// first) and groups the legacy <c>orbit_review_start</c> / <c>orbit_flashcard</c> /
/// <c>orbit_review_end</c> calls. Calls of other shortcodes inside a block become inner calls.
/// </summary>
internal static class ShortcodeMatcher
{
    public sealed record Result(
        List<ReviewBlock> Blocks,
        ImmutableArray<ShortcodeCall> StrayClosings,
        ImmutableArray<ShortcodeCall> OrphanFlashcards,
        ImmutableArray<ShortcodeCall> OrphanLegacyEnds);

    // A struct on the stack of open blocks (a class was one more object per block); changed only
    // through Top, never through a copy.
    private struct Open(ShortcodeCall call)
    {
        private static readonly List<ShortcodeCall> NoCalls = [];
        private static readonly List<ReviewBlock> NoBlocks = [];
        private List<ShortcodeCall>? _innerCalls;
        private List<ReviewBlock>? _nested;

        public readonly ShortcodeCall Call { get; } = call;
        public readonly List<ShortcodeCall> InnerCalls => _innerCalls ?? NoCalls;
        public readonly List<ReviewBlock> Nested => _nested ?? NoBlocks;
        public void Add(ShortcodeCall inner) => (_innerCalls ??= []).Add(inner);
        public void Add(ReviewBlock nested) => (_nested ??= []).Add(nested);
    }

    private static ref Open Top(List<Open> stack) => ref CollectionsMarshal.AsSpan(stack)[^1];

    public static Result Match(string text, ImmutableArray<ShortcodeCall> calls, int end, bool? parallel = null)
    {
        var blocks = new List<ReviewBlock>();
        var stack = new List<Open>();
        var stray = ImmutableArray.CreateBuilder<ShortcodeCall>();
        var orphanCards = ImmutableArray.CreateBuilder<ShortcodeCall>();
        var orphanEnds = ImmutableArray.CreateBuilder<ShortcodeCall>();
        ShortcodeCall? legacyStart = null;
        var legacyCards = new List<ShortcodeCall>();
        // A large note's blocks that hold no other block are read after this pass, on two threads
        // (see NoteParser.ParallelFrom); here each gets its place in the list.
        var deferred = NoteParser.InParallel(text, parallel) ? new List<(int Index, Open Open, ShortcodeCall Close)>() : null;
        var budget = new NestedOutputBudget();

        void AddBlock(ReviewBlock block)
        {
            if (stack.Count > 0) Top(stack).Add(block);
            blocks.Add(block);
        }

        void FinishLegacy(ShortcodeCall? close, int innerEnd)
        {
            if (legacyStart is null) return;
            blocks.Add(LegacyBlockReader.Build(text, legacyStart, close, legacyCards, innerEnd));
            legacyStart = null;
            legacyCards.Clear();
        }

        foreach (var call in calls)
        {
            bool isReview = call.IsNamed(NoteParser.ReviewShortcode) && !call.IsEscaped;
            if (stack.Count > 0 && !isReview)
            {
                Top(stack).Add(call);
                continue;
            }
            if (call.IsEscaped) continue;
            switch (call.Name)
            {
                case NoteParser.ReviewShortcode when call.IsClosing:
                    if (stack.Count == 0)
                    {
                        stray.Add(call);
                        break;
                    }
                    var open = stack[^1];
                    stack.RemoveAt(stack.Count - 1);
                    if (deferred is not null && stack.Count == 0 && open.Nested.Count == 0)
                    {
                        deferred.Add((blocks.Count, open, call));
                        blocks.Add(null!);
                        break;
                    }
                    var closed = ShortcodeBlockReader.Build(text, open.Call, call, open.InnerCalls, open.Nested, call.Span.Start, budget: budget);
                    AddBlock(closed);
                    break;
                case NoteParser.ReviewShortcode when call.IsSelfClosing:
                    AddBlock(ShortcodeBlockReader.Build(text, call, null, [], [], call.Span.End, selfClosed: true));
                    break;
                case NoteParser.ReviewShortcode:
                    stack.Add(new Open(call));
                    break;
                case NoteParser.LegacyStart when !call.IsClosing:
                    FinishLegacy(null, call.Span.Start);
                    legacyStart = call;
                    break;
                case NoteParser.LegacyCard when !call.IsClosing:
                    if (legacyStart is null) orphanCards.Add(call);
                    else legacyCards.Add(call);
                    break;
                case NoteParser.LegacyEnd when !call.IsClosing:
                    if (legacyStart is null) orphanEnds.Add(call);
                    else FinishLegacy(call, call.Span.Start);
                    break;
            }
        }
        FinishLegacy(null, end);

        // Blocks never closed: Hugo fails the build. For the author's sake, each one's inner text
        // ends where its first nested block starts (that block most likely is the next one meant),
        // or at the end of the note.
        while (stack.Count > 0)
        {
            var open = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            int innerEnd = open.Nested.Count > 0 ? open.Nested[0].Span.Start : end;
            var calls2 = open.InnerCalls.Where(c => c.Span.End <= innerEnd).ToList();
            var unclosed = ShortcodeBlockReader.Build(text, open.Call, null, calls2, [], innerEnd);
            foreach (var nested in open.Nested) nested.Parent = null;
            if (stack.Count > 0) Top(stack).Add(unclosed);
            blocks.Add(unclosed);
        }

        if (deferred is { Count: > 0 })
        {
            // Each block is read on its own (a pure function of the text and its calls): the two
            // halves go to two threads, each writing only its own places.
            void Read(int from, int to)
            {
                for (int i = from; i < to; i++)
                {
                    var (index, open, close) = deferred[i];
                    blocks[index] = ShortcodeBlockReader.Build(text, open.Call, close, open.InnerCalls, open.Nested, close.Span.Start);
                }
            }
            int half = deferred.Count / 2;
            Parallel.Invoke(() => Read(0, half), () => Read(half, deferred.Count));
        }

        blocks.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return new Result(blocks, stray.ToImmutable(), orphanCards.ToImmutable(), orphanEnds.ToImmutable());
    }
}
