using OrbitLsp.Core.Ide;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Tests.Ide;

/// <summary>The token painter's sweep against painting character by character.</summary>
public class TokenPainterTests
{
    [Fact]
    public void Overlapping_tokens_come_out_as_painting_each_character_with_its_highest_layer_would_give()
    {
        var random = new Random(13);
        // Rounds after the first 3,000 paint thousands of tokens: the painter's rented arrays grow.
        for (int round = 0; round < 3_020; round++)
        {
            bool large = round >= 3_000;
            int length = large ? random.Next(1_000, 3_000) : random.Next(1, 60);
            string text = new('x', length);
            var painter = new TokenPainter();
            var raw = new List<(TextSpan Span, int Type, int Layer)>();
            for (int t = large ? random.Next(500, 2_000) : random.Next(0, 12); t > 0; t--)
            {
                int start = random.Next(0, length), end = random.Next(start, length + 1);
                int layer = random.Next(0, 4);
                var span = TextSpan.FromBounds(start, end);
                // Holes clear what is below them; the other tokens differ by type, so runs can be told apart.
                int type = random.Next(6) == 0 ? -1 : raw.Count % 3;
                if (type < 0) painter.AddHole(span, layer);
                else painter.Add(span, (SemanticTokenType)type, SemanticTokenModifiers.None, layer);
                if (span.Length > 0) raw.Add((span, type, layer)); // empty ones are not kept
            }

            // Each character painted by the highest layer over it, the later token on a tie.
            var owner = new int[length];
            for (int x = 0; x < length; x++)
            {
                owner[x] = -1;
                for (int i = 0; i < raw.Count; i++)
                    if (raw[i].Span.Start <= x && x < raw[i].Span.End && (owner[x] < 0 || raw[i].Layer >= raw[owner[x]].Layer)) owner[x] = i;
            }
            var expected = new List<(TextSpan, int)>();
            for (int x = 0; x < length;)
            {
                int y = x;
                while (y < length && owner[y] == owner[x]) y++;
                if (owner[x] >= 0 && raw[owner[x]].Type >= 0) expected.Add((TextSpan.FromBounds(x, y), raw[owner[x]].Type));
                x = y;
            }

            var actual = painter.Finish(text, LineMap.Create(text), null).Select(t => (t.Span, (int)t.Type)).ToList();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void A_finished_painter_takes_no_more_tokens()
    {
        var painter = new TokenPainter();
        painter.Add(TextSpan.FromBounds(0, 1), SemanticTokenType.OrbitTag, SemanticTokenModifiers.None, 0);
        Assert.Single(painter.Finish("x", LineMap.Create("x"), null));
        Assert.Throws<ObjectDisposedException>(() => painter.Add(TextSpan.FromBounds(0, 1), SemanticTokenType.OrbitTag, SemanticTokenModifiers.None, 0));
        Assert.Throws<ObjectDisposedException>(() => painter.Finish("x", LineMap.Create("x"), null));
    }
}
