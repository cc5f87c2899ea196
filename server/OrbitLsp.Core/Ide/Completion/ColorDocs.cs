using OrbitLsp.Core.Model;

namespace OrbitLsp.Core.Ide;

/// <summary>The documentation shown beside each colour suggestion (ORBIT-FORMAT §4).</summary>
internal static class ColorDocs
{
    public static string For(string color, string? tagName)
    {
        string others = string.Join(", ", OrbitColors.All.Where(c => c != color));
        string text = $"**{color}**: the review area and its cards are drawn in Orbit's {color} palette.\n\n" +
            $"One of the twelve colours Orbit accepts (the others: {others}). Any other name makes the whole review area fail to load.";
        if (color == ShortcodeBlockReader.DefaultColor && tagName == "orbit_review")
            text += "\n\nThis is also the colour an `orbit_review` block gets when none is given.";
        return text;
    }
}
