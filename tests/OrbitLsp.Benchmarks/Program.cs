using BenchmarkDotNet.Running;
using OrbitLsp.Benchmarks;

if (args.Length > 0 && args[0] is "loop" or "quick" or "scale")
{
    // These modes time what the orbitlsp executable does, so they run with its collector settings
    // (ServerCollector.Variables); --default-gc keeps the runtime's default collector instead.
    if (args.Contains("--default-gc")) args = [.. args.Where(a => a != "--default-gc")];
    else if (!ServerCollector.InEffect()) return ServerCollector.Relaunch(args);
    Console.WriteLine($"collector: {ServerCollector.Describe()}");
}

if (args.Length > 0 && args[0] == "write-note")
{
    // Writes a sample note, for timing `orbitlsp check` on it: write-note PATH MEGABYTES
    File.WriteAllText(args[1], SampleNotes.Create((int)(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024)));
    return 0;
}
if (args.Length > 0 && args[0] == "loop")
{
    // Analyses a note over and over, for a profiler to watch: loop MEGABYTES SECONDS
    var note = SampleNotes.Create((int)(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024));
    var until = DateTime.UtcNow.AddSeconds(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    int n = 0;
    var lexed = OrbitLsp.Core.Syntax.ShortcodeLexer.Lex(note, 0, note.Length);
    bool matchOnly = args.Length > 3 && args[3] == "match";
    while (DateTime.UtcNow < until)
    {
        if (matchOnly) OrbitLsp.Core.Model.ShortcodeMatcher.Match(note, lexed, note.Length);
        else OrbitLsp.Core.Analysis.NoteAnalyzer.Analyze(note);
        n++;
    }
    Console.WriteLine($"{n} analyses");
    return 0;
}
if (args.Length > 0 && args[0] == "quick")
{
    // A quick look at each phase without BenchmarkDotNet's rigour: quick MEGABYTES. With so few
    // runs much of the code has not reached its optimised tier yet: compare phases, not totals.
    var note = SampleNotes.Create((int)(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024));
    var lm = OrbitLsp.Core.Text.LineMap.Create(note);
    var calls = OrbitLsp.Core.Syntax.ShortcodeLexer.Lex(note, 0, note.Length);
    var spans = calls.Select(c => c.Span).ToList();
    var doc = OrbitLsp.Core.Model.NoteDocument.Parse(note);
    void Phase(string name, Action action)
    {
        for (int i = 0; i < 10; i++) action();
        const int runs = 40;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < runs; i++) action();
        var cpuUsed = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        name += $" gc{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}";
        Console.WriteLine($"{name,-14} {sw.Elapsed.TotalMilliseconds / runs,8:F2} ms wall {cpuUsed.TotalMilliseconds / runs,8:F2} ms cpu {(GC.GetAllocatedBytesForCurrentThread() - before) / runs / 1024,8} KB");
    }
    Console.WriteLine($"{note.Length / 1024} KB note, {doc.Blocks.Length} blocks");
    Phase("line map", () => OrbitLsp.Core.Text.LineMap.Create(note));
    Phase("lex", () => OrbitLsp.Core.Syntax.ShortcodeLexer.Lex(note, 0, note.Length));
    Phase("match", () => OrbitLsp.Core.Model.ShortcodeMatcher.Match(note, calls, note.Length));
    Phase("context", () => OrbitLsp.Core.Syntax.MarkdownContext.Scan(note, lm, 0, spans));
    Phase("parse", () => OrbitLsp.Core.Model.NoteDocument.Parse(note));
    var sink = new List<OrbitLsp.Core.Diagnostics.NoteDiagnostic>();
    Phase("  frontmatter", () => OrbitLsp.Core.Analysis.Checks.FrontMatterChecks.Run(doc, sink));
    Phase("  calls", () => OrbitLsp.Core.Analysis.Checks.CallChecks.Run(doc, sink));
    Phase("  pairing", () => OrbitLsp.Core.Analysis.Checks.PairingChecks.Run(doc, sink));
    Phase("  placement", () => OrbitLsp.Core.Analysis.Checks.PlacementChecks.Run(doc, sink));
    Phase("  legacy", () => OrbitLsp.Core.Analysis.Checks.LegacyAndHtmlChecks.Run(doc, sink));
    Phase("  text", () => OrbitLsp.Core.Analysis.Checks.CheckPromptText.Run(doc, sink));
    Phase("  html", () => OrbitLsp.Core.Model.HtmlBlockReader.Read(note, lm, 0, spans, default));
    Phase("  frontparse", () => OrbitLsp.Core.Syntax.FrontMatterParser.Parse(note, lm));
    Phase("checks", () => OrbitLsp.Core.Analysis.NoteAnalyzer.Analyze(doc));
    Phase("analyze", () => OrbitLsp.Core.Analysis.NoteAnalyzer.Analyze(note));
    // What an editor asks for after an edit, from the analysis (the server adds the conversion to LSP).
    var analysis = OrbitLsp.Core.Analysis.NoteAnalyzer.Analyze(note);
    Phase("tokens", () => OrbitLsp.Core.Ide.SemanticTokens.For(analysis));
    var tokens = OrbitLsp.Core.Ide.SemanticTokens.For(analysis);
    Phase("  encode", () => OrbitLsp.Core.Ide.SemanticTokens.Encode(tokens, analysis.Document.Lines));
    Phase("lenses", () => OrbitLsp.Core.Ide.CodeLenses.For(analysis));
    Phase("symbols", () => OrbitLsp.Core.Ide.DocumentSymbols.For(analysis));
    Phase("folding", () => OrbitLsp.Core.Ide.FoldingRanges.For(analysis));
    return 0;
}
if (args.Length > 0 && args[0] == "scale")
{
    // The whole analysis's cost per megabyte at several note sizes, without BenchmarkDotNet's
    // rigour, to see where it stops scaling linearly: scale 1 2 4 10 20 (sizes in MB), with the
    // executable's collector settings (README, Performance).
    var sizes = args.Length > 1 ? args.Skip(1).Select(a => double.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [1.0, 2, 4, 6, 8, 10, 20, 40];
    foreach (double mb in sizes)
    {
        var note = SampleNotes.Create((int)(mb * 1024 * 1024));
        for (int i = 0; i < 5 + (int)(40 / mb); i++) OrbitLsp.Core.Analysis.NoteAnalyzer.Analyze(note);
        int runs = (int)Math.Max(30, 200 / mb);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var paused = GC.GetTotalPauseDuration();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        // Every thread's allocations: a note of 2M characters or more is analysed on two.
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The median and the fastest run too: on a machine shared with other work they are the
        // steadier figures (the mean takes every pause the other work causes).
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long began = System.Diagnostics.Stopwatch.GetTimestamp();
            OrbitLsp.Core.Analysis.NoteAnalyzer.Analyze(note);
            times[i] = System.Diagnostics.Stopwatch.GetElapsedTime(began).TotalMilliseconds;
        }
        double ms = clock.Elapsed.TotalMilliseconds / runs;
        double allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)runs / (1024 * 1024);
        double cpuMs = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
        double pauseMs = (GC.GetTotalPauseDuration() - paused).TotalMilliseconds / runs;
        string collections = $"{(GC.CollectionCount(0) - gen0) / (double)runs:F1}/{(GC.CollectionCount(1) - gen1) / (double)runs:F1}/{(GC.CollectionCount(2) - gen2) / (double)runs:F1}";
        Array.Sort(times);
        double median = times[runs / 2], fastest = times[0];
        // The same machine's cost of linear work that allocates nothing: read the first character
        // of every line (a strided walk over the text, as the line-by-line phases make).
        var lines = OrbitLsp.Core.Text.LineMap.Create(note);
        long touched = 0;
        clock.Restart();
        int walks = 0;
        while (clock.ElapsedMilliseconds < 500 || walks < 5)
        {
            for (int l = 0; l < lines.LineCount; l++)
                if (lines.LineStart(l) is var at && at < note.Length) touched += note[at];
            walks++;
        }
        double walk = clock.Elapsed.TotalMilliseconds / walks;
        Console.WriteLine($"{mb,5} MB: {ms,7:F2} ms per analysis (median {median:F2}, fastest {fastest:F2}; cpu {cpuMs:F2}, of it collecting {pauseMs:F2}), " +
            $"{median / mb,5:F2} ms per MB by the median, {allocatedMb / mb,4:F2} MB allocated per MB, collections per analysis (gen 0/1/2) {collections}; " +
            $"a walk over the lines {walk / mb:F3} ms per MB{(touched == 42 ? " " : "")}");
    }
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(AnalysisBenchmarks).Assembly).Run(args);
return 0;
