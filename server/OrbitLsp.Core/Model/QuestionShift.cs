namespace OrbitLsp.Core.Model;

/// <summary>
/// A stretch of an <c>orbit_review</c> block where the lines that read as questions sit at answer
/// places although the rest of the block has them at question places: between
/// <see cref="LastInPlace"/> and <see cref="FirstOut"/> a plain line is stray or an answer is
/// missing, and every prompt from there to <see cref="LastOut"/> is published shifted. Indexes are
/// positions in <see cref="ReviewBlock.Lines"/>.
/// </summary>
/// <param name="LastInPlace">The last question-like line at a question place before the stretch, or -1 when the stretch opens the block.</param>
/// <param name="FirstOut">The first question-like line at an answer place.</param>
/// <param name="LastOut">The last question-like line of the stretch at an answer place.</param>
/// <param name="NextInPlace">The first question-like line at a question place after the stretch, or -1 when the stretch runs to the block's end.</param>
public sealed record QuestionShift(int LastInPlace, int FirstOut, int LastOut, int NextInPlace)
{
    /// <summary>The lines that may be the stray one: those between the last question in place and the first one out of place.</summary>
    public Range Candidates => new(LastInPlace + 1, FirstOut);
}
