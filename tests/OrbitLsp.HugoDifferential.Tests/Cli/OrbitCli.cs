using System.Text.Json;
using OrbitLsp.HugoDifferential.Tests.Infrastructure;

namespace OrbitLsp.HugoDifferential.Tests.Cli;

/// <summary>One element of `orbitlsp cards --format json`.</summary>
internal sealed record CliCard(
    string File, int Block, int Prompt, string? Question, string? Answer, string? Color, int Line, bool Hidden);

/// <summary>One element of `orbitlsp check --format json`.</summary>
internal sealed record CliDiagnostic(
    string File, int Line, int Column, int EndLine, int EndColumn, string Severity, string Code, string Message);

/// <summary>Runs the built CLI as `dotnet orbitlsp.dll`, once for many files.</summary>
internal sealed class OrbitCli(string dll)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public TimeSpan Elapsed { get; private set; }

    public IReadOnlyList<CliCard> Cards(IReadOnlyList<string> files) => Run<CliCard>("cards", files);

    public IReadOnlyList<CliDiagnostic> Check(IReadOnlyList<string> files) => Run<CliDiagnostic>("check", files);

    private List<T> Run<T>(string command, IReadOnlyList<string> files)
    {
        if (files.Count == 0)
        {
            return [];
        }
        var result = ProcessRunner.Run("dotnet", [dll, command, .. files, "--format", "json"], Path.GetTempPath());
        Elapsed += result.Elapsed;
        try
        {
            return JsonSerializer.Deserialize<List<T>>(result.StandardOutput, Json)
                ?? throw new JsonException("null instead of an array");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException(
                $"`orbitlsp {command} <{files.Count} files> --format json` did not print one JSON array of {typeof(T).Name} "
                + $"(exit code {result.ExitCode}): {e.Message}\nstdout: {Head(result.StandardOutput)}\nstderr: {Head(result.StandardError)}", e);
        }
    }

    private static string Head(string text) => text.Length <= 2000 ? text : text[..2000] + " …";
}
