using System.Diagnostics;

namespace OrbitLsp.LatencyBenchmark;

/// <summary>
/// The latency seen by a client outside .NET: <c>external/latency.mjs</c> (Node, pulling
/// diagnostics, VS Code's capabilities) against each server build given, on the same generated
/// 1 MB note as the .NET client, with VS Code's Markdown language server started by the same
/// client in turn with ours. Needs <c>node</c> and <c>npm</c>; installs the Markdown server
/// (pinned in <c>external/package.json</c>) on first use.
/// </summary>
public static class ExternalClient
{
    public static async Task RunAsync(IReadOnlyList<string> servers)
    {
        string here = Path.Combine(Root(), "tests", "OrbitLsp.LatencyBenchmark", "external");
        if (!Directory.Exists(Path.Combine(here, "node_modules", "vscode-markdown-languageserver")))
            Run("npm", here, "ci", "--no-audit", "--no-fund");
        string note = Path.Combine(Path.GetTempPath(), "orbitlsp-latency-1mb.md");
        await File.WriteAllTextAsync(note, NoteGenerator.Generate(1_000_000));
        foreach (string server in servers)
        {
            string[] command = server.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ["dotnet", server] : [server];
            Console.WriteLine();
            Run("node", here, ["latency.mjs", "--note", note, "--markdown-server", "--", .. command]);
        }
    }

    private static void Run(string file, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, UseShellExecute = false };
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}");
    }

    private static string Root()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "OrbitLsp.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("OrbitLsp.sln not found above the benchmark");
        return root;
    }
}
