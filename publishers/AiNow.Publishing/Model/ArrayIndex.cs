using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AiNow.Publishing.Model;

/// <summary>
/// An index over one immutable array, built the first time it is asked for and kept as long as the array lives.
/// The model's records stay plain data (no cached field that a <c>with</c> copy would carry over stale or that
/// record equality would compare), and lookups that every workload of every overlay makes stop scanning the
/// whole model: without it, emitting grows with the square of the number of services.
/// </summary>
/// <typeparam name="TItem">The array's items.</typeparam>
/// <typeparam name="TIndex">What is built from them.</typeparam>
/// <param name="build">Builds the index; it may run more than once for one array when threads race, so it must be pure.</param>
internal sealed class ArrayIndex<TItem, TIndex>(Func<ImmutableArray<TItem>, TIndex> build)
    where TIndex : class
{
    private readonly ConditionalWeakTable<TItem[], TIndex> _built = new();

    /// <summary>Made once, so a lookup that finds its index allocates nothing.</summary>
    private readonly ConditionalWeakTable<TItem[], TIndex>.CreateValueCallback _create = array => build(ImmutableCollectionsMarshal.AsImmutableArray(array));

    /// <summary>The index of <paramref name="items"/>.</summary>
    public TIndex Of(ImmutableArray<TItem> items) =>
        ImmutableCollectionsMarshal.AsArray(items) is { } array ? _built.GetValue(array, _create) : build(items);
}
