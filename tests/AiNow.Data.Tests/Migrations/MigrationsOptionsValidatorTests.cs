using AiNow.Migrations;

namespace AiNow.Data.Tests.Migrations;

public sealed class MigrationsOptionsValidatorTests
{
    [Fact]
    public void Validate_NothingSet_Succeeds()
    {
        Assert.True(Validate(null, null).Succeeded);
    }

    [Fact]
    public void Validate_RoleAndGoodPassword_Succeeds()
    {
        Assert.True(Validate("ainow_app", "0123456789abcdefXYZ").Succeeded);
    }

    [Theory]
    [InlineData("AiNow-App", "0123456789abcdefXYZ", "Migrations:RuntimeRole is 'AiNow-App', which is not a plain SQL identifier", "such as 'ainow_app'")]
    [InlineData("pg_monitor", "0123456789abcdefXYZ", "Migrations:RuntimeRole is 'pg_monitor', a name PostgreSQL reserves", "such as 'ainow_app'")]
    [InlineData("ainow_app", null, "Migrations:RuntimeRolePassword must hold at least 16 characters (it has 0)", "Migrations__RuntimeRolePassword")]
    [InlineData("ainow_app", "short-secret", "Migrations:RuntimeRolePassword must hold at least 16 characters (it has 12)", "openssl rand -base64 32")]
    [InlineData(null, "0123456789abcdefXYZ", "Migrations:RuntimeRolePassword is set but Migrations:RuntimeRole is not", "Migrations__RuntimeRole")]
    public void Validate_Invalid_NamesSettingProblemAndFix(string? role, string? password, string problem, string fix)
    {
        var result = Validate(role, password);

        Assert.True(result.Failed);
        Assert.Contains(problem, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(fix, result.FailureMessage, StringComparison.Ordinal);
        if (password is not null)
        {
            Assert.DoesNotContain(password, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? role, string? password) =>
        new MigrationsOptionsValidator().Validate(null, new MigrationsOptions { RuntimeRole = role, RuntimeRolePassword = password });
}
