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
    // Every type the server reads or writes is in LspJsonContext (generated at build time), and
    // nothing else: no reflection-based fallback, so the JIT build and the native (AOT) one, which
    // has no reflection-based serialization, read and write the same types the same way. A type
    // missing there fails in every build (NotSupportedException), not only in the native one.
    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
            // A required field that is missing or null is malformed params (InvalidParams), not a crash later.
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            TypeInfoResolver = LspJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The generated contract of <typeparamref name="T"/> under <see cref="Options"/>.</summary>
    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>The generated contract of a value's own type, for a value known only as an object.</summary>
    public static JsonTypeInfo Info(Type type) => Options.GetTypeInfo(type);
}
