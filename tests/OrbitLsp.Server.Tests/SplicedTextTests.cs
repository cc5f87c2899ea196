using OrbitLsp.Core.Text;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.Server.Tests.Infrastructure;

namespace OrbitLsp.Server.Tests;

/// <summary>A text typed on another without a whole copy reads exactly as the copied string would.</summary>
[Trait(TestServer.Trait, TestServer.HereOnly)]
public sealed class SplicedTextTests
{
    [Fact]
    public void Runs_of_random_edits_read_as_the_edited_string_in_every_way()
    {
        var random = new Random(20261127);
        string[] inserts = ["", "x", "ab", "\n", "\r\n", "é", "😀", " {{< >}}", new string('y', 300)];
        for (int run = 0; run < 300; run++)
        {
            string basis = string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(i => random.Next(4) == 0 ? "\r\n" : $"line {i}\n"));
            string expected = basis;
            SplicedText? spliced = null;
            for (int step = 0; step < 30; step++)
            {
                int start = random.Next(expected.Length + 1);
                int end = Math.Min(expected.Length, start + (random.Next(3) == 0 ? random.Next(0, 30) : 0));
                string insert = inserts[random.Next(inserts.Length)];
                spliced = spliced?.With(start, end, insert) ?? SplicedText.Of(spliced?.ToString() ?? expected, start, end, insert);
                expected = string.Concat(expected.AsSpan(0, start), insert, expected.AsSpan(end));

                Assert.Equal(expected.Length, spliced.Length);
                int from = random.Next(expected.Length + 1), length = random.Next(expected.Length - from + 1);
                Assert.Equal(expected.Substring(from, length), spliced.Substring(from, length));
                if (expected.Length > 0)
                {
                    int at = random.Next(expected.Length);
                    Assert.Equal(expected[at], spliced[at]);
                }
                var lines = LineMap.Create(expected);
                int line = random.Next(lines.LineCount);
                Assert.Equal(lines.LineEnd(line, expected), lines.LineEnd(line, spliced));
            }
            Assert.Equal(expected, spliced!.ToString());
        }
    }

    [Fact]
    public void A_replaced_part_grown_past_its_limit_asks_for_a_whole_text()
    {
        var text = SplicedText.Of(new string('a', 200_000), 10, 10, "b");
        Assert.Null(text.With(100_000, 100_000, "c"));
        Assert.NotNull(text.With(20, 20, "c"));
    }
}
