using OrbitLsp.LanguageServer;

namespace OrbitLsp;

/// <summary>Starts the language server over stdin/stdout. Nothing else may write to stdout.</summary>
internal static class LanguageServerEntry
{
    public static int Run(string[] args)
    {
        Warmup.StartProtocol();
        var (options, error) = LanguageServerOptions.Parse(args);
        if (options is null)
        {
            Console.Error.Write($"orbitlsp: {error}\n");
            return 2;
        }
        options.OwnsProcess = true;
        var stdin = Console.OpenStandardInput();
        var stdout = Console.OpenStandardOutput();
        // Stray Console.Write calls would corrupt the protocol: send them to stderr.
        Console.SetOut(Console.Error);
        return new OrbitLanguageServer(stdin, stdout, options).RunAsync().GetAwaiter().GetResult();
    }
}
