using System.Diagnostics;
using System.Text;
using OrbitLsp.Cli;

namespace OrbitLsp.Core.Tests;

/// <summary>
/// `orbitlsp check` and `orbitlsp cards` on what is no note: binary junk, dangling links, symbolic
/// link loops, folders named like notes, files and folders it may not read. A clear message for
/// each, the others still checked, and exit status 1 when something could not be checked.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes, setpriv
public sealed class CliBadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orbitlsp-cli-bad-").FullName;

    private const string Clean = "Intro.\n\n{{<orbit_review color=\"blue\">}}\nQ?\nA\n{{</orbit_review>}}\n";

    public void Dispose()
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(_dir, "*", SearchOption.AllDirectories).Where(p => new FileInfo(p).LinkTarget is null))
            File.SetUnixFileMode(path, Directory.Exists(path) ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
        Directory.Delete(_dir, recursive: true);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(Func<TextWriter, Stream, TextWriter, int> command)
    {
        var stream = new MemoryStream();
        var writer = new StreamWriter(stream, new UTF8Encoding(false));
        var err = new StringWriter();
        int exit = command(writer, stream, err);
        writer.Flush();
        return (exit, Encoding.UTF8.GetString(stream.ToArray()), err.ToString());
    }

    [Fact]
    public void Junk_bytes_a_dangling_link_a_link_loop_and_a_folder_named_like_a_note_in_a_folder_are_each_reported_and_the_rest_checked()
    {
        Write("a.md", Clean);
        File.WriteAllBytes(Path.Combine(_dir, "junk.md"), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 256))]);
        File.CreateSymbolicLink(Path.Combine(_dir, "dangling.md"), Path.Combine(_dir, "nowhere.md"));
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        File.CreateSymbolicLink(Path.Combine(_dir, "sub", "loop"), _dir);
        File.CreateSymbolicLink(Path.Combine(_dir, "self.md"), Path.Combine(_dir, "self.md"));
        Write("folder.md/inner.md", Clean.Replace("Q?", "Inner?"));

        var (exit, output, _) = Run((o, s, e) => CheckCommand.Run([_dir], o, s, e));
        Assert.Equal(1, exit);
        Assert.Contains(Path.Join(_dir, "junk.md") + ":1:1: error OL082 Cannot check this note: the file holds NUL bytes", output);
        Assert.Contains(Path.Join(_dir, "dangling.md") + ":1:1: error OL082 Cannot check this note: cannot read the file", output);
        Assert.Contains(Path.Join(_dir, "self.md") + ":1:1: error OL082 Cannot check this note: cannot read the file", output);
        Assert.DoesNotContain("loop", output); // the link to a folder is not followed
        Assert.EndsWith("3 errors, 0 warnings, 0 information, 0 hints in 5 notes\n", output);

        var (cardsExit, cards, err) = Run((o, s, e) => CardsCommand.Run([_dir], o, s, e));
        Assert.Equal(1, cardsExit);
        Assert.Contains("\"Inner?\"", cards); // the notes that could be read are listed
        Assert.Contains("junk.md", err);
    }

    [Fact]
    public void A_folder_named_like_a_note_given_by_name_is_searched_as_a_folder()
    {
        Write("folder.md/inner.md", Clean);
        var (exit, output, _) = Run((o, s, e) => CheckCommand.Run([Path.Combine(_dir, "folder.md")], o, s, e));
        Assert.Equal(0, exit);
        Assert.EndsWith("in 1 note\n", output);
    }

    [Fact]
    public void Unreadable_files_and_folders_are_reported_to_a_user_who_may_not_read_them()
    {
        // Root reads everything: the command runs as the unprivileged user 'nobody'.
        Write("a.md", Clean);
        string unreadable = Write("secret.md", Clean);
        string locked = Path.Combine(Path.GetDirectoryName(Write("locked/b.md", Clean))!);
        File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(_dir, "a.md"), (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(unreadable, UnixFileMode.None);
        File.SetUnixFileMode(locked, UnixFileMode.None);

        var (exit, output, error) = RunAsNobody("check", _dir);
        Assert.Equal(1, exit);
        Assert.Contains($"orbitlsp check: cannot list {locked}: Access to the path", error);
        Assert.Contains(Path.Join(_dir, "secret.md") + ":1:1: error OL082 Cannot check this note: cannot read the file: Access to the path", output);
        Assert.EndsWith("1 error, 0 warnings, 0 information, 0 hints in 2 notes\n", output);

        (exit, output, error) = RunAsNobody("cards", unreadable);
        Assert.Equal(1, exit);
        Assert.Equal("[]", output.Trim());
        Assert.Contains("cannot read the file", error);
    }

    /// <summary>
    /// The command as the user nobody, from a copy of the build any user can read (the clone may
    /// lie where only its owner can).
    /// </summary>
    private static (int Exit, string Out, string Err) RunAsNobody(params string[] args)
    {
        string bin = Directory.CreateTempSubdirectory("orbitlsp-nobody-").FullName;
        try
        {
            File.SetUnixFileMode(bin, (UnixFileMode)0b111_101_101);
            foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory))
            {
                string copy = Path.Combine(bin, Path.GetFileName(file));
                File.Copy(file, copy);
                File.SetUnixFileMode(copy, (UnixFileMode)0b110_100_100);
            }
            return RunAsNobodyFrom(bin, args);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    private static (int Exit, string Out, string Err) RunAsNobodyFrom(string bin, string[] args)
    {
        var start = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "env", "DOTNET_CLI_HOME=/tmp", "DOTNET_NOLOGO=1", "dotnet", Path.Combine(bin, "orbitlsp.dll") })
            start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
