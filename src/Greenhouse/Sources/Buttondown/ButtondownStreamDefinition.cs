namespace Greenhouse.Sources.Buttondown;

/// <summary>One Buttondown list endpoint as a stream: its path (relative to <c>…/v1/</c>) and typed columns.</summary>
internal sealed record ButtondownStreamDefinition(string Name, string Path, IReadOnlyList<ColumnSpec> Columns)
{
    public StreamDescriptor Descriptor(string source) => new(source, Name, "id", Columns);
}
