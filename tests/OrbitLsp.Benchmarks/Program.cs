using BenchmarkDotNet.Running;
using OrbitLsp.Benchmarks;

if (args.Length > 0 && args[0] == "write-note")
{
    // Writes a sample note, for timing `orbitlsp check` on it: write-note PATH MEGABYTES
    File.WriteAllText(args[1], SampleNotes.Create((int)(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024)));
    return;
}
if (args.Length > 0 && args[0] == "quick")
{
    // A quick look at each phase without BenchmarkDotNet's rigour: quick MEGABYTES
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
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < runs; i++) action();
        Console.WriteLine($"{name,-14} {sw.Elapsed.TotalMilliseconds / runs,8:F2} ms {(GC.GetAllocatedBytesForCurrentThread() - before) / runs / 1024,8} KB");
    }
    Console.WriteLine($"{note.Length / 1024} KB note, {doc.Blocks.Length} blocks");
    Phase("line map", () => OrbitLsp.Core.Text.LineMap.Create(note));
    Phase("lex", () => OrbitLsp.Core.Syntax.ShortcodeLexer.Lex(note, 0, note.Length));
    Phase("match", () => OrbitLsp.Core.Model.ShortcodeMatcher.Match(note, calls, note.Length));
    Phase("context", () => OrbitLsp.Core.Syntax.MarkdownContext.Scan(note, lm, 0, spans));
    Phase("parse", () => OrbitLsp.Core.Model.NoteDocument.Parse(note));
    Phase("checks", () => OrbitLsp.Core.Analysis.NoteAnalyzer.Analyze(doc));
    Phase("analyze", () => OrbitLsp.Core.Analysis.NoteAnalyzer.Analyze(note));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(AnalysisBenchmarks).Assembly).Run(args);
