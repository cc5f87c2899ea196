using System.Collections.Immutable;

namespace OrbitLsp.Core.Review;

/// <summary>What FSRS knows of a card's memory: stability (days until recall falls to 90%) and difficulty (1–10).</summary>
public readonly record struct MemoryState(double Stability, double Difficulty);

/// <summary>
/// FSRS-6 (the Free Spaced Repetition Scheduler, the version ts-fsrs 5 implements) with its
/// default parameters, scheduling in whole days: the next state of a card's memory and the days
/// until it is due, from its state, the days since its last review and the grade.
/// </summary>
/// <remarks>
/// NOTE: this is ts-fsrs's long-term scheduler (<c>enable_short_term: false</c>) with fuzz off.
/// Authors review once a day, so there are no learning steps of minutes: a new or forgotten card
/// comes back the next day at the earliest, and a second review on the same day is a review with
/// no time elapsed. Fuzz is off because it is seeded per card and time, so a schedule would then
/// depend on when it was computed rather than on the grades; without it two editors and the
/// command line compute the same due date from the same events. Every intermediate value is
/// rounded to 8 decimals where ts-fsrs rounds it, so the results are those of ts-fsrs 5.4.2; a
/// differential test compares them on 10,000 random review histories.
/// </remarks>
public sealed class FsrsScheduler
{
    /// <summary>FSRS-6's default parameters (w0 … w20).</summary>
    public static readonly ImmutableArray<double> DefaultWeights =
    [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ];

    public const double DefaultRetention = 0.9;
    public const int DefaultMaximumInterval = 36500;
    private const double MinStability = 0.001;
    private const double MaxStability = 36500;

    private readonly double[] _w;
    private readonly double _decay;
    private readonly double _factor;
    private readonly double _intervalModifier;
    private readonly double _expW8;
    private readonly double _easyDifficulty;

    public static FsrsScheduler Default { get; } = new();

    /// <param name="desiredRetention">The chance of recall a card is scheduled for, in (0, 1); 0.9 by default.</param>
    /// <param name="maximumInterval">The longest interval in days.</param>
    public FsrsScheduler(double desiredRetention = DefaultRetention, int maximumInterval = DefaultMaximumInterval)
    {
        if (!(desiredRetention > 0 && desiredRetention < 1))
            throw new ArgumentOutOfRangeException(nameof(desiredRetention), desiredRetention, "The desired retention must be above 0 and below 1.");
        if (maximumInterval < 1) throw new ArgumentOutOfRangeException(nameof(maximumInterval));
        DesiredRetention = desiredRetention;
        MaximumInterval = maximumInterval;
        _w = [.. DefaultWeights];
        _decay = -_w[20];
        _factor = RoundTo(Math.Exp(Math.Log(0.9) / _decay) - 1, 8);
        _intervalModifier = RoundTo((Math.Pow(desiredRetention, 1 / _decay) - 1) / _factor, 8);
        _expW8 = Math.Exp(_w[8]);
        _easyDifficulty = InitialDifficulty(4);
    }

    public double DesiredRetention { get; }

    public int MaximumInterval { get; }

    /// <summary>The chance of recall <paramref name="elapsedDays"/> days after a review that left <paramref name="state"/>.</summary>
    public double Retrievability(MemoryState state, double elapsedDays) =>
        RoundTo(Math.Pow(1 + _factor * Math.Max(elapsedDays, 0) / state.Stability, _decay), 8);

    /// <summary>
    /// The memory after a review graded <paramref name="grade"/>, <paramref name="elapsedDays"/>
    /// days after the last (ignored for a card never reviewed, <paramref name="state"/> null), and
    /// the days until the next review (1 or more).
    /// </summary>
    /// <remarks>
    /// NOTE: ts-fsrs works out all four outcomes and orders their intervals: Forgotten never waits
    /// longer than Hard, Hard less than Remembered, Remembered less than Easy. A grade's interval
    /// depends only on its own outcome and the lower grades' (Forgotten's on Hard's too), so only
    /// those are worked out, each with the very operations ts-fsrs does (a store's replay does this
    /// a million times).
    /// </remarks>
    public (MemoryState State, int Interval) Next(MemoryState? state, int elapsedDays, ReviewGrade grade)
    {
        int g = (int)grade;
        if ((uint)(g - 1) > 3) throw new ArgumentOutOfRangeException(nameof(grade));
        var outcomes = state is { } s ? new Outcomes(this, s, Retrievability(s, Math.Max(elapsedDays, 0))) : default;
        bool fresh = state is null;
        double StabilityOf(int of) => fresh ? Initial(of).Stability : outcomes.Stability(of);

        // interval[0] = min(i0, i1); interval[1] = max(i1, interval[0] + 1); interval[k] = max(ik, interval[k - 1] + 1).
        int i1 = NextInterval(StabilityOf(2));
        int interval = Math.Min(NextInterval(StabilityOf(1)), i1);
        if (g >= 2) interval = Math.Max(i1, interval + 1);
        for (int k = 3; k <= g; k++) interval = Math.Max(NextInterval(StabilityOf(k)), interval + 1);
        var next = fresh ? Initial(g) : new MemoryState(outcomes.Stability(g), NextDifficulty(state!.Value.Difficulty, g));
        return (next, interval);
    }

    /// <summary>The stabilities after each grade of a review of a card in memory, with the parts the grades share worked out once.</summary>
    private readonly struct Outcomes
    {
        private readonly FsrsScheduler _f;
        private readonly MemoryState _m;
        private readonly double _r;
        private readonly double _recall; // exp(w8) · (11 − d) · s^−w9 · (exp((1 − r) · w10) − 1), as ts-fsrs multiplies it

        public Outcomes(FsrsScheduler f, MemoryState m, double r)
        {
            _f = f;
            _m = m;
            _r = r;
            double[] w = f._w;
            _recall = f._expW8 * (11 - m.Difficulty) * Math.Pow(m.Stability, -w[9]) * (Math.Exp((1 - r) * w[10]) - 1);
        }

        public double Stability(int g)
        {
            double[] w = _f._w;
            double d = _m.Difficulty, s = _m.Stability;
            if (g == 1)
            {
                double forget = RoundTo(Clamp(w[11] * Math.Pow(d, -w[12]) * (Math.Pow(s + 1, w[13]) - 1) * Math.Exp((1 - _r) * w[14]), MinStability, MaxStability), 8);
                return Clamp(RoundTo(s, 8), MinStability, forget);
            }
            double hardPenalty = g == 2 ? w[15] : 1, easyBonus = g == 4 ? w[16] : 1;
            return RoundTo(Clamp(s * (1 + _recall * hardPenalty * easyBonus), MinStability, MaxStability), 8);
        }
    }

    private MemoryState Initial(int g) =>
        new(Math.Max(_w[g - 1], 0.1), Math.Clamp(InitialDifficulty(g), 1, 10));

    private double InitialDifficulty(int g) => RoundTo(_w[4] - Math.Exp((g - 1) * _w[5]) + 1, 8);

    private double NextDifficulty(double d, int g)
    {
        double delta = -_w[6] * (g - 3);
        double next = d + RoundTo(delta * (10 - d) / 9, 8);
        return Clamp(RoundTo(_w[7] * _easyDifficulty + (1 - _w[7]) * next, 8), 1, 10);
    }

    private int NextInterval(double stability) =>
        (int)Math.Min(Math.Max(1, JsRound(stability * _intervalModifier)), MaximumInterval);

    /// <summary>JavaScript's <c>Math.min(Math.max(v, min), max)</c>: the maximum wins when min > max.</summary>
    private static double Clamp(double v, double min, double max) => Math.Min(Math.Max(v, min), max);

    private static double RoundTo(double v, int decimals)
    {
        double factor = decimals == 8 ? 1e8 : Math.Pow(10, decimals);
        return JsRound(v * factor) / factor;
    }

    /// <summary>JavaScript's <c>Math.round</c>: halves go up (towards +∞), not to even.</summary>
    private static double JsRound(double v)
    {
        double floor = Math.Floor(v);
        return v - floor >= 0.5 ? floor + 1 : floor;
    }
}
