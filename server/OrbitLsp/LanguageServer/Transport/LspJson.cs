using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OrbitLsp.LanguageServer.Transport;

/// <summary>How LSP messages are written: spec names (on the types), optional fields omitted when null.</summary>
public static class LspJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    // NOTE: no naming policy and case-sensitive names: LSP's names are exact and set on each type.
    private static JsonSerializerOptions Create() => new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.Strict,
        // A required field that is missing or null is malformed params (InvalidParams), not a crash later.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(LspJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}
