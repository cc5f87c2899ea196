namespace OrbitLsp;

/// <summary>Starts the language server. (Being written: until then the executable serves the CLI only.)</summary>
internal static class LanguageServerEntry
{
    public static int Run(string[] args)
    {
        Console.Error.Write("orbitlsp: the language server is not part of this build yet; use 'orbitlsp check' or 'orbitlsp cards'.\n");
        return 2;
    }
}
