using System.Text;
using OrbitLsp.Core.Review;
using OrbitLsp.Reviews;

namespace OrbitLsp.Core.Tests.Review;

/// <summary>
/// A store's grade lines read two ways: the quick reader of the lines <see cref="ReviewLines.Event"/>
/// writes, and the JSON reader of any other. Where both read a line they must agree.
/// </summary>
public sealed class ReviewLinesTests
{
    private static readonly string?[] ColorsUsed = ["blue", "purple", "green", null, "pink", "colour \"quoted\"", "bleu é"];

    private static ReviewEvent RandomEvent(Random random)
    {
        var day = new DateOnly(2020, 1, 1).AddDays(random.Next(3000));
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(random.Next(24), random.Next(60), random.Next(60), random.Next(1000))), TimeSpan.Zero)
            .AddHours(random.Next(-14, 15));
        CardKey? from = random.Next(4) == 0 ? new CardKey((ulong)random.NextInt64(), (ulong)random.NextInt64()) : null;
        return new ReviewEvent(new CardKey((ulong)random.NextInt64(), (ulong)random.NextInt64()), (ReviewGrade)random.Next(1, 5), day, at,
            ColorsUsed[random.Next(ColorsUsed.Length)], from);
    }

    [Fact]
    public void Written_lines_read_back_the_same_through_both_readers()
    {
        var random = new Random(5);
        int quick = 0;
        for (int i = 0; i < 20_000; i++)
        {
            var e = RandomEvent(random);
            var line = ReviewLines.Event(e).AsSpan()[..^1];
            Assert.True(ReviewLines.TryReadJson(line, out var json, out var error), error);
            Assert.Equal(e, json);
            Assert.True(ReviewLines.TryReadEvent(line, out var read, out error), error);
            Assert.Equal(e, read);
            if (ReviewLines.TryReadWritten(line, out var written))
            {
                quick++;
                Assert.Equal(e, written);
            }
        }
        // Colours that are written escaped (a quote, a non-ASCII letter) are left to the JSON reader; the rest is read quickly.
        Assert.InRange(quick, 12_000, 20_000);
    }

    [Fact]
    public void Mutated_lines_are_read_by_the_quick_reader_only_as_the_JSON_reader_reads_them()
    {
        var random = new Random(6);
        byte[] alphabet = Encoding.ASCII.GetBytes("{}\":,0123456789abcdefTZ.-\\ x\r");
        int agreed = 0, refused = 0;
        for (int i = 0; i < 50_000; i++)
        {
            var line = ReviewLines.Event(RandomEvent(random))[..^1].ToList();
            for (int m = random.Next(1, 3); m > 0; m--)
            {
                int at = random.Next(line.Count);
                switch (random.Next(3))
                {
                    case 0: line[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 1: line.RemoveAt(at); break;
                    default: line.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                }
            }
            var bytes = line.ToArray();
            bool json = ReviewLines.TryReadJson(bytes, out var byJson, out _);
            if (ReviewLines.TryReadWritten(bytes, out var quick))
            {
                Assert.True(json, Encoding.UTF8.GetString(bytes));
                Assert.Equal(byJson, quick);
                agreed++;
            }
            else if (!json) refused++;
            Assert.Equal(json, ReviewLines.TryReadEvent(bytes, out _, out _));
        }
        // Both kinds happen: mutations the quick reader still reads (a digit of the card, the day), and lines neither reads.
        Assert.True(agreed > 1_000 && refused > 1_000, $"{agreed} read by both, {refused} by neither");
    }
}
