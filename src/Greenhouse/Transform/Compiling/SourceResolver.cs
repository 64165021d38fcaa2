using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Transform.Project;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// What <c>source(a, b)</c> names. A declared source's table first (its <c>schema</c> and <c>identifier</c>, or the
/// landed stream when the source is named after a Greenhouse source or the raw schema); otherwise, undeclared, a
/// landed stream: <c>source('raw', 'stripe_customers')</c> or <c>source('stripe', 'customers')</c>.
/// </summary>
internal sealed class SourceResolver
{
    private readonly Dictionary<(string, string), SourceNode> _declared = [];
    private readonly Dictionary<string, SourceNode> _used = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private readonly string _project;
    private readonly WarehouseDialect _dialect;
    private readonly CompileSettings _settings;

    public SourceResolver(DbtProject project, WarehouseDialect dialect, CompileSettings settings)
    {
        _project = project.Name;
        _dialect = dialect;
        _settings = settings;
        foreach (var source in project.Sources)
        {
            foreach (var table in source.Tables)
            {
                var identifier = table.Identifier ?? table.Name;
                var stream = source.Schema is null ? Landed(source.Name, identifier) : null;
                var relation = stream is not null
                    ? new TemplateRelation(dialect, settings.RawSchema, stream.TableName, RelationKind.Table)
                    : new TemplateRelation(dialect, source.Schema ?? source.Name, identifier, null);
                _declared[(source.Name, table.Name)] = new SourceNode($"source.{_project}.{source.Name}.{table.Name}", source.Name, table.Name, relation, stream)
                {
                    Declared = source,
                    Table = table,
                };
            }
        }
    }

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Every declared source table, and every undeclared one a model used.</summary>
    public IEnumerable<SourceNode> Nodes => _declared.Values.Concat(_used.Values);

    /// <summary>
    /// What <c>source(source, table)</c> names while the project is parsed: the node, noted as used; null, with the
    /// problem noted, when it names none.
    /// </summary>
    public SourceNode? Resolve(string source, string table, string file)
    {
        if (_declared.TryGetValue((source, table), out var declared))
        {
            return declared;
        }

        if (Landed(source, table) is { } stream)
        {
            var id = LandedId(stream);
            if (!_used.TryGetValue(id, out var node))
            {
                node = new SourceNode(id, stream.Source, stream.Name, new TemplateRelation(_dialect, _settings.RawSchema, stream.TableName, RelationKind.Table), stream);
                _used[id] = node;
            }

            return node;
        }

        var known = _settings.Streams.Select(s => $"{s.Source}.{s.Name}").Concat(_declared.Keys.Select(k => $"{k.Item1}.{k.Item2}")).ToList();
        var problem = $"{file}: source('{source}', '{table}') is not declared in a properties file and is not a landed stream.{DidYouMean.Hint($"{source}.{table}", known)} "
            + $"Landed streams: {ProjectCompiler.StreamList(_settings.Streams)}.";
        if (!_problems.Contains(problem))
        {
            _problems.Add(problem);
        }

        return null;
    }

    /// <summary>
    /// What <c>source(source, table)</c> resolved to while the project was parsed (a compile render calls it; it changes
    /// nothing, so renders may run at once); null when it named nothing then.
    /// </summary>
    public SourceNode? Find(string source, string table) =>
        _declared.TryGetValue((source, table), out var declared) ? declared
        : Landed(source, table) is { } stream ? _used.GetValueOrDefault(LandedId(stream))
        : null;

    /// <summary>
    /// What <c>source(source, table)</c> names for a SQL text outside the project (a check): a declared table, or any
    /// enabled stream, used by a model or not. Changes nothing; null when it names neither.
    /// </summary>
    public SourceNode? FindOrLanded(string source, string table) =>
        Find(source, table)
        ?? (Landed(source, table) is { } stream
            ? new SourceNode(LandedId(stream), stream.Source, stream.Name, new TemplateRelation(_dialect, _settings.RawSchema, stream.TableName, RelationKind.Table), stream)
            : null);

    /// <summary>"Did you mean" among the declared tables and landed streams, then the landed streams: for a source() that names neither.</summary>
    public string Known(string source, string table)
    {
        var known = _settings.Streams.Select(s => $"{s.Source}.{s.Name}").Concat(_declared.Keys.Select(k => $"{k.Item1}.{k.Item2}")).ToList();
        return $"{DidYouMean.Hint($"{source}.{table}", known).TrimStart()} Landed streams: {ProjectCompiler.StreamList(_settings.Streams)}.".TrimStart();
    }

    /// <summary>An undeclared landed stream's node id: always by its Greenhouse source and stream, however a model spelt it.</summary>
    private string LandedId(StreamDescriptor stream) => $"source.{_project}.{stream.Source}.{stream.Name}";

    /// <summary>The enabled stream <c>source('stripe', 'customers')</c> or <c>source('raw', 'stripe_customers')</c> names.</summary>
    private StreamDescriptor? Landed(string source, string table) => Landed(_settings.Streams, _settings.RawSchema, source, table);

    /// <summary>Among <paramref name="streams"/>, the one <c>source(source, table)</c> names, landed in <paramref name="rawSchema"/>.</summary>
    internal static StreamDescriptor? Landed(IReadOnlyList<StreamDescriptor> streams, string rawSchema, string source, string table) =>
        streams.FirstOrDefault(s => s.Source == source && s.Name == table)
        ?? (source == rawSchema ? streams.FirstOrDefault(s => s.TableName == table) : null);
}
