using System.Reflection;

namespace OrbitLsp.HugoDifferential.Tests.Infrastructure;

/// <summary>Where the repository, the `hugo` binary and the built `orbitlsp` CLI are.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string HugoSite => Path.Combine(Root, "tests", "hugo-site");

    /// <summary>Notes kept after a mismatch; ignored by git, rendered by hand from the site folder.</summary>
    public static string KeptNotes => Path.Combine(HugoSite, "content", "generated");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrbitLsp.sln"))
                && Directory.Exists(Path.Combine(dir.FullName, "tests", "hugo-site")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException(
            $"No repository root (a folder with OrbitLsp.sln and tests/hugo-site) above {AppContext.BaseDirectory}.");
    }

    /// <summary>The `hugo` executable: $HUGO if set, else the first `hugo` on PATH.</summary>
    public static string FindHugo()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HUGO");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new InvalidOperationException($"HUGO is set to '{fromEnvironment}', which does not exist.");
        }
        var names = OperatingSystem.IsWindows() ? new[] { "hugo.exe" } : new[] { "hugo" };
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(folder, name);
                if (folder.Length > 0 && File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new InvalidOperationException(
            "The Hugo differential test needs the `hugo` binary (checked with Hugo 0.111.3), and none is on PATH. "
            + "Install it (Debian/Ubuntu: `apt-get install hugo`) or set HUGO to its path.");
    }

    /// <summary>The built CLI, `orbitlsp.dll`, with the runtimeconfig that `dotnet` needs to start it.</summary>
    public static string FindCli()
    {
        var configured = typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "OrbitCliDirectory")?.Value;
        var candidates = new List<string>();
        if (configured is not null)
        {
            candidates.Add(configured);
        }
        candidates.Add(AppContext.BaseDirectory);
        var bin = Path.Combine(Root, "server", "OrbitLsp", "bin");
        if (Directory.Exists(bin))
        {
            candidates.AddRange(Directory.EnumerateFiles(bin, "orbitlsp.dll", SearchOption.AllDirectories)
                .Select(f => new FileInfo(f))
                .OrderByDescending(f => f.LastWriteTimeUtc)
                .Select(f => f.DirectoryName!));
        }
        foreach (var folder in candidates)
        {
            var dll = Path.Combine(folder, "orbitlsp.dll");
            if (File.Exists(dll) && File.Exists(Path.Combine(folder, "orbitlsp.runtimeconfig.json")))
            {
                return Path.GetFullPath(dll);
            }
        }
        throw new InvalidOperationException(
            "The built CLI (orbitlsp.dll with orbitlsp.runtimeconfig.json) was not found in: "
            + string.Join(", ", candidates) + ". Build server/OrbitLsp first.");
    }
}
