using System.Reflection;
using OrbitLsp.Cli;

namespace OrbitLsp;

/// <summary>
/// <c>orbitlsp</c>: with no arguments (or <c>--stdio</c>) the language server over stdin/stdout;
/// <c>check</c> and <c>cards</c> run the command line.
/// </summary>
public static class Program
{
    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private const string Help = """
        Usage:
          orbitlsp [--stdio] [--log-file PATH] [--log-level LEVEL]   run the language server over stdio
          orbitlsp check [options] [paths...]                         check notes, like a compiler
          orbitlsp cards [options] [paths...]                         list the cards pages will publish
          orbitlsp review [options] [paths...]                        review the due cards in the terminal
          orbitlsp stats [options] [paths...]                         due and learned cards, the next 30 days
          orbitlsp record [options] CARD GRADE                        record a grade given elsewhere
          orbitlsp --version | --help

        Run 'orbitlsp <command> --help' for a command's options.
        """;

    public static int Main(string[] args)
    {
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false)) { AutoFlush = false };
        var stderr = Console.Error;
        try
        {
            if (args.Length == 0 || args[0] == "--stdio" || args[0].StartsWith("--log-", StringComparison.Ordinal) || args[0].StartsWith("--clientProcessId", StringComparison.Ordinal))
                return LanguageServerEntry.Run(args);
            switch (args[0])
            {
                case "check":
                    return CheckCommand.Run(args.Skip(1), stdout, stdout.BaseStream, stderr);
                case OrbitLsp.Workspace.IndexWorker.Command:
                    // The server's indexing process (not for people): yields the CPU like the server's index thread.
                    LanguageServer.Workspace.BackgroundThread.Lower();
                    try
                    {
                        return OrbitLsp.Workspace.IndexWorker.Run(Console.OpenStandardInput(), Console.OpenStandardOutput(), LanguageServer.Workspace.WorkspaceIndex.Utf8Range);
                    }
                    catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
                    {
                        stderr.Write($"orbitlsp: '{OrbitLsp.Workspace.IndexWorker.Command}' is the language server's indexing process; it reads the server's binary requests on stdin ({e.Message})\n");
                        return 2;
                    }
                case "cards":
                    return CardsCommand.Run(args.Skip(1), stdout, stdout.BaseStream, stderr);
                case "review":
                    return Cli.ReviewCommand.Run(args.Skip(1), Spectre.Console.AnsiConsole.Console, stderr, !Console.IsInputRedirected);
                case "stats":
                    return Cli.StatsCommand.Run(args.Skip(1), Spectre.Console.AnsiConsole.Console, stderr);
                case "record":
                    return Cli.RecordCommand.Run(args.Skip(1), stdout, Console.In, stderr);
                case "--version" or "-v" or "version":
                    stdout.Write($"orbitlsp {Version}\n");
                    return 0;
                case "--help" or "-h" or "help":
                    stdout.Write(Help + "\n");
                    return 0;
                default:
                    stderr.Write($"orbitlsp: unknown command '{args[0]}'\n{Help}\n");
                    return 2;
            }
        }
        finally
        {
            stdout.Flush();
        }
    }
}
