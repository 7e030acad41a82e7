namespace AiNow.IntegrationTests;

/// <summary>Every wait in these tests is bounded by one of these.</summary>
internal static class TestTimeouts
{
    /// <summary>From AppHost start to every resource healthy (cold builds of the model take longest).</summary>
    public static readonly TimeSpan Startup = TimeSpan.FromMinutes(2);

    /// <summary>One HTTP request through the gateway.</summary>
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(60);

    /// <summary>A batch job from submission to completion.</summary>
    public static readonly TimeSpan BatchJob = TimeSpan.FromSeconds(90);

    /// <summary>A resource going through a stop or start.</summary>
    public static readonly TimeSpan ResourceTransition = TimeSpan.FromSeconds(60);
}
