namespace OrbitLsp.Cli;

/// <summary>A subcommand's arguments: paths and <c>--name value</c> / <c>--name=value</c> options.</summary>
internal sealed class Arguments
{
    public List<string> Paths { get; } = [];
    public Dictionary<string, string> Options { get; } = new(StringComparer.Ordinal);
    public bool Help { get; private set; }
    public string? Error { get; private set; }

    public static Arguments Parse(IEnumerable<string> args, IReadOnlySet<string> optionsWithValue)
    {
        var result = new Arguments();
        using var e = args.GetEnumerator();
        bool onlyPaths = false;
        while (e.MoveNext())
        {
            string a = e.Current;
            if (onlyPaths || a == "-" || !a.StartsWith('-')) result.Paths.Add(a);
            else if (a == "--") onlyPaths = true;
            else if (a is "-h" or "--help") result.Help = true;
            else
            {
                string name = a.TrimStart('-'), value;
                int eq = name.IndexOf('=');
                if (eq >= 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }
                else if (optionsWithValue.Contains(name))
                {
                    if (!e.MoveNext())
                    {
                        result.Error = $"option --{name} needs a value";
                        return result;
                    }
                    value = e.Current;
                }
                else value = "true";
                if (!optionsWithValue.Contains(name))
                {
                    result.Error = $"unknown option '{a}'";
                    return result;
                }
                result.Options[name] = value;
            }
        }
        return result;
    }
}
