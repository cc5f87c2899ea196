using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.Server.Tests.Infrastructure;

/// <summary>
/// The server's JSON options for what a test sends: the server's generated contracts first, then
/// reflection for the anonymous objects tests write their params as (the server itself has no
/// reflection-based fallback).
/// </summary>
public static class TestJson
{
    public static JsonSerializerOptions Options { get; } = new(LspJson.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(LspJson.Options.TypeInfoResolver, new DefaultJsonTypeInfoResolver()),
    };
}
