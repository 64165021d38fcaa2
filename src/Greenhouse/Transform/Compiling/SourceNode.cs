using Greenhouse.Sources;
using Greenhouse.Transform.Project;

namespace Greenhouse.Transform.Compiling;

/// <summary>A table <c>source()</c> resolves to: declared in a properties file, or a landed stream used without declaring it.</summary>
/// <param name="UniqueId"><c>source.&lt;project&gt;.&lt;source&gt;.&lt;table&gt;</c>; an undeclared landed stream is always named by its Greenhouse source and stream (<c>source.shop.stripe.customers</c>), however the model spelt it.</param>
/// <param name="Stream">The landed stream it reads, when it is one.</param>
public sealed record SourceNode(string UniqueId, string SourceName, string TableName, TemplateRelation Relation, StreamDescriptor? Stream)
{
    public SourceProperties? Declared { get; init; }

    public SourceTableProperties? Table { get; init; }
}
