using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.Server.Tests.Infrastructure;

using Range = OrbitLsp.LanguageServer.Protocol.Range;

namespace OrbitLsp.Server.Tests;

/// <summary>The text buffer alone: each case is (text, change at line:char-line:char, inserted, expected).</summary>
[Trait(TestServer.Trait, TestServer.HereOnly)]
public sealed class TextChangesTests
{
    [Theory]
    [InlineData("ab\r\ncd", 1, 0, 1, 0, "X", "ab\r\nXcd")]
    [InlineData("ab\r\ncd", 0, 2, 1, 0, "", "abcd")]
    [InlineData("a\rb", 1, 0, 1, 1, "c", "a\rc")]
    [InlineData("😀x", 0, 2, 0, 3, "y", "😀y")]
    [InlineData("😀x", 0, 0, 0, 2, "", "x")]
    [InlineData("abc", 0, 1, 0, 99, "", "a")]
    [InlineData("abc\n", 1, 0, 1, 0, "d", "abc\nd")]
    [InlineData("abc", 1, 0, 1, 0, "\nd", "abc\nd")]
    public void A_change_replaces_exactly_its_utf16_range(string text, int sl, int sc, int el, int ec, string insert, string expected)
    {
        var (result, error) = TextChanges.Apply(text, null, [new TextDocumentContentChangeEvent(insert, new Range(new(sl, sc), new(el, ec)))], PositionEncoder.Utf16);
        Assert.Null(error);
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("é😀x", 0, 6, "é😀!x")]
    [InlineData("é😀x", 0, 2, "é!😀x")]
    public void In_utf8_a_character_counts_bytes(string text, int line, int character, string expected)
    {
        var (result, _) = TextChanges.Apply(text, null, [new TextDocumentContentChangeEvent("!", new Range(new(line, character), new(line, character)))], PositionEncoder.Utf8);
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(-1, 0)]
    public void A_line_past_the_end_is_an_error_not_a_guess(int line, int character)
    {
        var (result, error) = TextChanges.Apply("a\nb", null, [new TextDocumentContentChangeEvent("x", new Range(new(line, character), new(line, character)))], PositionEncoder.Utf16);
        Assert.Null(result);
        Assert.Contains("out of range", error);
    }
}

/// <summary>The server's command line.</summary>
[Trait(TestServer.Trait, TestServer.HereOnly)]
public sealed class OptionsTests
{
    [Theory]
    [InlineData(new string[0], null, "Information")]
    [InlineData(new[] { "--stdio", "--log-file", "/tmp/x.log", "--log-level", "debug" }, "/tmp/x.log", "Debug")]
    [InlineData(new[] { "--log-file=/tmp/y.log", "--log-level=warning", "--clientProcessId=42" }, "/tmp/y.log", "Warning")]
    public void Options_are_read(string[] args, string? file, string level)
    {
        var (options, error) = OrbitLsp.LanguageServer.LanguageServerOptions.Parse(args);
        Assert.Null(error);
        Assert.Equal(file, options!.LogFile);
        Assert.Equal(level, options.LogLevel.ToString());
    }

    [Theory]
    [InlineData("--log-file")]
    [InlineData("--log-level", "loud")]
    [InlineData("--verbose")]
    public void Bad_options_are_refused_with_a_reason(params string[] args)
    {
        var (options, error) = OrbitLsp.LanguageServer.LanguageServerOptions.Parse(args);
        Assert.Null(options);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
