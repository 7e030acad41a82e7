using System.Collections.Immutable;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Tests.Collections;

/// <summary>The per-array index behind the model's lookups: built once per array, never carried over to another.</summary>
public sealed class ArrayIndexTests
{
    [Fact]
    public void AnIndex_IsBuiltOncePerArray_AndAgainForAnotherArray()
    {
        var builds = 0;
        var index = new ArrayIndex<string, HashSet<string>>(items =>
        {
            builds++;
            return [.. items];
        });
        var first = ImmutableArray.Create("a", "b");
        var second = first.Add("c");

        Assert.Contains("b", index.Of(first));
        Assert.Same(index.Of(first), index.Of(first));
        Assert.Equal(1, builds);
        Assert.Contains("c", index.Of(second));
        Assert.DoesNotContain("c", index.Of(first));
        Assert.Equal(2, builds);
    }

    [Fact]
    public void ADefaultArray_IsIndexedEachTime_ForItHasNoArrayToKeepTheIndexBy()
    {
        var builds = 0;
        var index = new ArrayIndex<string, string[]>(items =>
        {
            builds++;
            return items.IsDefault ? [] : [.. items];
        });

        Assert.Empty(index.Of(default));
        Assert.Empty(index.Of(default));
        Assert.Equal(2, builds);
    }

    [Fact]
    public void ModelLookups_FollowTheArraysOfACopy()
    {
        var model = Synthetic.SyntheticModels.Create(3);
        var called = model.Services.First(s => s.Kind == WorkloadKind.LongRunning && !s.IsPublic && model.Edges.Any(e => e.TargetWorkload == s.Name));
        var uncalled = model with { Edges = [.. model.Edges.Where(e => e.TargetWorkload != called.Name)] };

        Assert.False(model.IsQueueConsumer(called));
        Assert.True(uncalled.IsQueueConsumer(called));
        Assert.False(model.IsQueueConsumer(called));

        var environment = model.Environments[0];
        var plan = environment.Services[0];
        var replanned = environment with { Services = [plan with { Replicas = plan.Replicas + 7 }, .. environment.Services.Skip(1)] };
        Assert.Equal(plan.Replicas, environment.GetService(plan.Service).Replicas);
        Assert.Equal(plan.Replicas + 7, replanned.GetService(plan.Service).Replicas);
        var missing = Assert.Throws<KeyNotFoundException>(() => environment.GetService("nobody"));
        Assert.Contains("'nobody'", missing.Message, StringComparison.Ordinal);
    }
}
