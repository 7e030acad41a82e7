using System.Text.RegularExpressions;

namespace AiNow.Publishing.Terraform.Hcl;

/// <summary>An HCL expression: the right-hand side of an attribute.</summary>
public abstract record HclExpression
{
    /// <summary>A string literal.</summary>
    public static implicit operator HclExpression(string value) => new HclString(value);

    /// <summary>A number literal.</summary>
    public static implicit operator HclExpression(int value) => new HclNumber(value);

    /// <summary>A boolean literal.</summary>
    public static implicit operator HclExpression(bool value) => new HclBool(value);
}

/// <summary>A string literal; the writer escapes quotes, backslashes, control characters and template sequences.</summary>
public sealed record HclString(string Value) : HclExpression;

/// <summary>A number literal.</summary>
public sealed record HclNumber(decimal Value) : HclExpression;

/// <summary>A boolean literal.</summary>
public sealed record HclBool(bool Value) : HclExpression;

/// <summary><c>null</c>.</summary>
public sealed record HclNull : HclExpression
{
    /// <summary>The one null.</summary>
    public static HclNull Instance { get; } = new();
}

/// <summary>
/// A reference to another value (<c>var.region</c>, <c>module.network.vpc_id</c>,
/// <c>aws_vpc.main.cidr_block</c>, <c>each.value</c>), with optional index steps (<c>aws_subnet.private[0]</c>).
/// </summary>
public sealed partial record HclReference : HclExpression
{
    /// <summary>Creates a reference, refusing anything that is not a traversal (no operators, no calls).</summary>
    public HclReference(string path)
    {
        if (!Traversal().IsMatch(path ?? ""))
        {
            throw new ArgumentException($"'{path}' is not an HCL reference such as var.name or module.network.vpc_id.", nameof(path));
        }

        Path = path!;
    }

    /// <summary>The traversal text.</summary>
    public string Path { get; }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*|\[(\d+|""[^""\\]*"")\]|\.\*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Traversal();
}

/// <summary>A function call (<c>cidrsubnet(var.cidr, 4, 0)</c>).</summary>
public sealed partial record HclCall : HclExpression
{
    /// <summary>Creates a call of a built-in function.</summary>
    public HclCall(string function, params HclExpression[] arguments)
    {
        if (!Identifier().IsMatch(function ?? ""))
        {
            throw new ArgumentException($"'{function}' is not a function name.", nameof(function));
        }

        Function = function!;
        Arguments = arguments;
    }

    /// <summary>The function.</summary>
    public string Function { get; }

    /// <summary>The arguments.</summary>
    public IReadOnlyList<HclExpression> Arguments { get; }

    [GeneratedRegex("^[a-z][a-z0-9_]*(::[a-z][a-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}

/// <summary>A string template interpolating expressions between literal text (<c>"${var.app}-${var.environment}"</c>).</summary>
public sealed record HclTemplate(IReadOnlyList<HclExpression> Parts) : HclExpression;

/// <summary>A tuple (<c>["a", "b"]</c>).</summary>
public sealed record HclList(IReadOnlyList<HclExpression> Items) : HclExpression;

/// <summary>An object or map (<c>{ Name = "x" }</c>), keys in the order given.</summary>
public sealed record HclObject(IReadOnlyList<KeyValuePair<string, HclExpression>> Entries) : HclExpression;

/// <summary>An item of a block's body: an attribute, a nested block, or a blank line separating groups.</summary>
public abstract record HclBodyItem;

/// <summary>An argument, <c>name = expression</c> (HCL calls it an attribute).</summary>
public sealed record HclArgument(string Name, HclExpression Value) : HclBodyItem;

/// <summary>A blank line: ends a group of aligned attributes, as people separate them.</summary>
public sealed record HclBlankLine : HclBodyItem
{
    /// <summary>The one blank line.</summary>
    public static HclBlankLine Instance { get; } = new();
}

/// <summary>A block (<c>resource "aws_vpc" "main" { ... }</c>).</summary>
/// <param name="Type">The block type (<c>resource</c>, <c>module</c>, <c>lifecycle</c>).</param>
/// <param name="Labels">Its labels.</param>
/// <param name="Body">Attributes, nested blocks and blank lines, in order.</param>
public sealed record HclBlock(string Type, IReadOnlyList<string> Labels, IReadOnlyList<HclBodyItem> Body) : HclBodyItem;

/// <summary>A <c>.tf</c> file: top-level blocks (and attributes, in <c>.tfvars</c>), with a header comment.</summary>
/// <param name="Items">The file's items, in order; a blank line is written between top-level blocks.</param>
public sealed record HclFile(IReadOnlyList<HclBodyItem> Items);
