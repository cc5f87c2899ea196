using System.Collections.Concurrent;
using System.Collections.Immutable;
using OrbitLsp.Core.Config;

namespace OrbitLsp.Workspace;

/// <summary>A <c>.orbitlsp.yaml</c> read from disk, with its problems.</summary>
public sealed record ConfigFile(string Path, string Text, RuleSettings Settings, ImmutableArray<ConfigProblem> Problems);

/// <summary>Finds the <c>.orbitlsp.yaml</c> nearest to a note: in its folder or the closest parent.</summary>
public sealed class ConfigLocator
{
    private readonly ConcurrentDictionary<string, ConfigFile?> _byDirectory = new(StringComparer.Ordinal);

    public ConfigFile? ForNote(string notePath)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(notePath));
        return dir is null ? null : ForDirectory(dir);
    }

    public void Invalidate() => _byDirectory.Clear();

    private ConfigFile? ForDirectory(string dir)
    {
        if (_byDirectory.TryGetValue(dir, out var cached)) return cached;
        ConfigFile? found = null;
        string candidate = Path.Combine(dir, OrbitConfig.FileName);
        if (File.Exists(candidate)) found = Load(candidate);
        else if (Directory.GetParent(dir) is { } parent) found = ForDirectory(parent.FullName);
        _byDirectory[dir] = found;
        return found;
    }

    private static ConfigFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ConfigFile(path, "", RuleSettings.Default, [new ConfigProblem(new(0, 0), $"cannot read the file: {e.Message}")]);
        }
        var (settings, problems) = OrbitConfig.Parse(text);
        return new ConfigFile(path, text, settings, problems);
    }
}
