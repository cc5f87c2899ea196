using System.Text.Json;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Features.Commands;

public enum PreviewScope
{
    Block,
    Document,
}

/// <summary>
/// The one argument of <c>orbit.previewReview</c> and <c>orbit.previewReviewHtml</c>:
/// <c>{ "uri": string, "position"?: { "line", "character" }, "scope"?: "block" | "document" }</c>.
/// The scope defaults to the block when a position is given, else to the whole note.
/// </summary>
public sealed record PreviewArguments(string Uri, Position? Position, PreviewScope Scope)
{
    /// <summary>The arguments, or InvalidParams saying what is wrong.</summary>
    public static PreviewArguments Parse(string command, JsonElement[]? arguments)
    {
        if (arguments is not [{ ValueKind: JsonValueKind.Object } arg])
            throw Errors.InvalidParams($"{command} takes one argument: {{ \"uri\": string, \"position\"?: {{ \"line\", \"character\" }}, \"scope\"?: \"block\" | \"document\" }}.");
        if (!arg.TryGetProperty("uri", out var uri) || uri.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(uri.GetString()))
            throw Errors.InvalidParams($"{command}: \"uri\" must be a string naming the note.");
        Position? position = null;
        if (arg.TryGetProperty("position", out var pos) && pos.ValueKind != JsonValueKind.Null)
        {
            if (pos.ValueKind != JsonValueKind.Object || !TryInt(pos, "line", out int line) || !TryInt(pos, "character", out int character))
                throw Errors.InvalidParams($"{command}: \"position\" must be {{ \"line\": number, \"character\": number }}, both 0 or more.");
            position = new Position(line, character);
        }
        var scope = position is null ? PreviewScope.Document : PreviewScope.Block;
        if (arg.TryGetProperty("scope", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            scope = s.ValueKind == JsonValueKind.String ? s.GetString() switch
            {
                "block" => PreviewScope.Block,
                "document" => PreviewScope.Document,
                _ => throw Errors.InvalidParams($"{command}: \"scope\" must be \"block\" or \"document\", not \"{s.GetString()}\"."),
            } : throw Errors.InvalidParams($"{command}: \"scope\" must be \"block\" or \"document\".");
            if (scope == PreviewScope.Block && position is null)
                throw Errors.InvalidParams($"{command}: \"scope\": \"block\" needs a \"position\" inside the block.");
        }
        return new PreviewArguments(uri.GetString()!, position, scope);
    }

    private static bool TryInt(JsonElement obj, string name, out int value)
    {
        value = 0;
        return obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out value) && value >= 0;
    }
}
