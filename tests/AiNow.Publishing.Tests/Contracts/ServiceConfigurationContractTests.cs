using System.Reflection;
using AiNow.Publishing.Model;
using AiNow.Publishing.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiNow.Publishing.Tests.Contracts;

/// <summary>
/// What each service's own code requires of its configuration holds in every overlay: the options
/// validators of the services (found by reflection, not a hand-kept list) accept what the pod is
/// given, and the connection strings parse to the intended role, database and password whatever
/// characters the secret store's passwords hold.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class ServiceConfigurationContractTests(PublishedManifests published)
{
    /// <summary>A password with every character that could break a connection string.</summary>
    private const string HostilePassword = "p;w=\"x\"';Host=evil;Username=postgres; {}\\ end-0123456789";

    public static TheoryData<string> Overlays => PublishedManifests.OverlayNames();

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryOptionsValidatorOfEveryService_AcceptsWhatThePodIsGiven(string name)
    {
        var overlay = published.Overlay(name);
        var validated = 0;
        foreach (var service in published.Model.Services.Where(s => s.SourceProject is not null))
        {
            var configuration = PodConfiguration.For(overlay, service.Name, remoteKey => $"secret-value-for-{remoteKey}-0123456789abcdef");
            var assembly = Assembly.Load(Path.GetFileNameWithoutExtension(service.SourceProject!));
            foreach (var (validator, optionsType) in Validators(assembly))
            {
                var section = optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
                    ?? throw new Xunit.Sdk.XunitException($"{optionsType.Name} has no SectionName constant to bind from.");
                var options = Activator.CreateInstance(optionsType, nonPublic: true)!;
                configuration.GetSection(section).Bind(options);
                var result = (ValidateOptionsResult)validator.GetMethod("Validate")!.Invoke(Activator.CreateInstance(validator, nonPublic: true), [null, options])!;
                Assert.True(result.Succeeded, $"{service.Name} in {name}: {result.FailureMessage}");
                validated++;
            }
        }

        Assert.True(validated >= 4, $"only {validated} options validators were found; the services' validators were not reached.");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void DatabaseConnectionStrings_ParseToTheIntendedRole_WhateverThePasswordHolds(string name)
    {
        var overlay = published.Overlay(name);
        if (overlay.Target.Stores == StoreMode.Managed)
        {
            return; // Written whole by the infrastructure side; nothing is assembled here.
        }

        var naming = published.Model.Naming;
        foreach (var (workload, role) in new[] { ("api", naming.RuntimeRole), ("worker", naming.RuntimeRole), ("migrations", "postgres") })
        {
            var configuration = PodConfiguration.For(overlay, workload, _ => HostilePassword);
            var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("ainowdb"));
            Assert.Equal(HostilePassword, builder.Password);
            Assert.Equal(role, builder.Username);
            Assert.Equal("postgres", builder.Host);
            Assert.Equal("ainowdb", builder.Database);
        }
    }

    private static IEnumerable<(Type Validator, Type Options)> Validators(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => !t.IsAbstract)
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
                .Select(i => (t, i.GetGenericArguments()[0])));
}
