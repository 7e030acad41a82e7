namespace AiNow.Publishing.Settings;

/// <summary>One thing wrong with the deployment settings.</summary>
/// <param name="Setting">Where it is (<c>Environments[staging].Replicas</c>).</param>
/// <param name="Problem">What is wrong with the value.</param>
/// <param name="Fix">How to put it right.</param>
public sealed record SettingError(string Setting, string Problem, string Fix)
{
    /// <inheritdoc />
    public override string ToString() => $"{Setting}: {Problem} Fix: {Fix}";
}

/// <summary>Thrown when the deployment settings are invalid; nothing has been written.</summary>
public sealed class InvalidDeploymentSettingsException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    public InvalidDeploymentSettingsException(IReadOnlyList<SettingError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InvalidDeploymentSettingsException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InvalidDeploymentSettingsException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InvalidDeploymentSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Everything wrong, in settings order.</summary>
    public IReadOnlyList<SettingError> Errors { get; }

    private static string Describe(IReadOnlyList<SettingError> errors) =>
        $"The deployment settings are invalid ({errors.Count} problem(s)); nothing was written:{Environment.NewLine}" +
        string.Join(Environment.NewLine, errors.Select(e => $"  - {e}"));
}
