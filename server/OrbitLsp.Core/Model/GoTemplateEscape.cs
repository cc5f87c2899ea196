using System.Text;

namespace OrbitLsp.Core.Model;

/// <summary>What Go's html/template does to a value written into a quoted attribute.</summary>
internal static class GoTemplateEscape
{
    public static string Attribute(string value)
    {
        if (value.AsSpan().IndexOfAny("&'<>\"+\0") < 0) return value;
        var sb = new StringBuilder(value.Length + 16);
        foreach (char c in value)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '\'' => "&#39;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&#34;",
                '+' => "&#43;",
                '\0' => "\uFFFD",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
