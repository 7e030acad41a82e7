namespace AiNow.Publishing.Monitoring.Dashboards;

/// <summary>A Grafana dashboard (the subset of its JSON model the output uses).</summary>
/// <param name="Uid">A stable id, so links survive re-imports.</param>
/// <param name="Title">The title.</param>
/// <param name="Tags">Tags to find it by.</param>
/// <param name="Panels">The panels, laid out left to right, top to bottom.</param>
public sealed record Dashboard(string Uid, string Title, IReadOnlyList<string> Tags, IReadOnlyList<Panel> Panels)
{
    /// <summary>Grafana's dashboard schema version the model follows.</summary>
    public int SchemaVersion { get; init; } = 39;

    /// <summary>The default time range.</summary>
    public TimeRange Time { get; init; } = new("now-6h", "now");

    /// <summary>How often it refreshes.</summary>
    public string Refresh { get; init; } = "1m";

    /// <summary>Shown in the browser's time zone.</summary>
    public string Timezone { get; init; } = "browser";

    /// <summary>Read-only: the output is its source.</summary>
    public bool Editable { get; init; }
}

/// <summary>A time range.</summary>
public sealed record TimeRange(string From, string To);

/// <summary>A time-series or stat panel.</summary>
/// <param name="Id">Unique in the dashboard.</param>
/// <param name="Type"><c>timeseries</c> or <c>stat</c>.</param>
/// <param name="Title">The title.</param>
/// <param name="GridPos">Where it sits.</param>
/// <param name="Datasource">The Prometheus it queries.</param>
/// <param name="Targets">Its queries.</param>
/// <param name="FieldConfig">Its unit.</param>
public sealed record Panel(int Id, string Type, string Title, GridPosition GridPos, DataSourceReference Datasource, IReadOnlyList<PanelQuery> Targets, FieldConfig FieldConfig);

/// <summary>A panel's place on the 24-column grid.</summary>
public sealed record GridPosition(int H, int W, int X, int Y);

/// <summary>A data source by uid.</summary>
public sealed record DataSourceReference(string Type, string Uid)
{
    /// <summary>kube-prometheus-stack's Prometheus data source (its Grafana sidecar's default uid).</summary>
    public static DataSourceReference Prometheus { get; } = new("prometheus", "prometheus");
}

/// <summary>One PromQL query of a panel.</summary>
/// <param name="RefId">A, B, C...</param>
/// <param name="Expr">The expression.</param>
/// <param name="LegendFormat">The series' legend.</param>
public sealed record PanelQuery(string RefId, string Expr, string LegendFormat)
{
    /// <summary>The data source queried.</summary>
    public DataSourceReference Datasource { get; init; } = DataSourceReference.Prometheus;
}

/// <summary>A panel's field settings.</summary>
public sealed record FieldConfig(FieldDefaults Defaults);

/// <summary>The unit values are shown in.</summary>
public sealed record FieldDefaults(string Unit);

/// <summary>What a panel shows before it is laid out.</summary>
/// <param name="Title">The title.</param>
/// <param name="Unit">Grafana's unit (<c>reqps</c>, <c>s</c>, <c>percentunit</c>, <c>short</c>).</param>
/// <param name="Queries">Expression and legend of each query.</param>
/// <param name="Stat">True for a single-number panel.</param>
public sealed record PanelSpec(string Title, string Unit, IReadOnlyList<(string Expr, string Legend)> Queries, bool Stat = false);

/// <summary>Lays panels out two per row.</summary>
public static class DashboardLayout
{
    private const int Height = 8;
    private const int Width = 12;

    /// <summary>The panels of <paramref name="specs"/>, in order, two per row.</summary>
    public static IReadOnlyList<Panel> Panels(IEnumerable<PanelSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        return specs.Select((spec, index) => new Panel(
            index + 1,
            spec.Stat ? "stat" : "timeseries",
            spec.Title,
            new GridPosition(Height, Width, index % 2 * Width, index / 2 * Height),
            DataSourceReference.Prometheus,
            [.. spec.Queries.Select((q, i) => new PanelQuery(((char)('A' + i)).ToString(), q.Expr, q.Legend))],
            new FieldConfig(new FieldDefaults(spec.Unit)))).ToList();
    }
}
