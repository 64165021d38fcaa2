using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Running;

/// <summary>
/// One data test of a transform run: its record in <c>_gh_model_runs</c> (<see cref="ModelRunRecord.RowsAffected"/>
/// is its failure count, <c>fail_calc</c>'s value), and what the check history keeps of it: a sample of the failing
/// rows and the query that finds them all.
/// </summary>
/// <param name="Columns">The failing rows' column names; empty when it passed or could not run.</param>
/// <param name="Rows">At most <see cref="TransformRunner.TestSampleRows"/> failing rows.</param>
/// <param name="Sql">The test's compiled query (its rows are the failures); null when it did not compile.</param>
/// <param name="RuntimeError">True when the test could not run (it did not compile or the database refused it), as opposed to finding failures.</param>
public sealed record TestRun(TransformNode Node, ModelRunRecord Record, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, string? Sql, bool RuntimeError);
