namespace AiNow.Testing;

/// <summary>Test classes in this collection share one <see cref="TemporaryPostgres"/> server (and run one at a time).</summary>
/// <remarks>
/// xUnit finds a collection definition only in the test assembly itself, so this file is compiled into each test
/// project that uses the server (linked from there), not into this library.
/// </remarks>
[CollectionDefinition(Name)]
public sealed class PostgresServer : ICollectionFixture<TemporaryPostgres>
{
    /// <summary>The collection name for <c>[Collection(PostgresServer.Name)]</c>.</summary>
    public const string Name = "postgres";
}
