using Greenhouse.Tests.Transform.Project;
using Greenhouse.Transform.Selection;

namespace Greenhouse.Tests.Transform.Selection;

/// <summary>
/// Selecting versioned models as dbt does, over a compiled project: dim_customers in versions 1, 2 (the latest) and
/// 3 (a prerelease), each with a not_null test, and an unversioned model reading the latest.
/// </summary>
public sealed class VersionSelectionTests : IAsyncLifetime
{
    private ProjectHarness? _harness;
    private NodeSelector? _selector;

    public async Task InitializeAsync()
    {
        _harness = await ProjectHarness.CreateAsync("sqlite");
        _harness.Write("dbt_project.yml", "name: shop\n")
            .Write("models/dim_customers_v1.sql", "select 1 as id")
            .Write("models/dim_customers_v2.sql", "select 1 as id")
            .Write("models/dim_customers_v3.sql", "select 1 as id")
            .Write("models/report.sql", "select * from {{ ref('dim_customers') }}")
            .Write("models/schema.yml", """
                version: 2
                models:
                  - name: dim_customers
                    latest_version: 2
                    columns:
                      - name: id
                        data_tests: [not_null]
                    versions:
                      - v: 1
                      - v: 2
                      - v: 3
                """);
        _selector = new NodeSelector(_harness.Parse().Nodes);
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    /// <summary>What the selector matches itself (no tests taken along), as <c>ls --output name</c> prints it.</summary>
    private string[] Matched(string select) => [.. _selector!.Select([select], indirectSelection: IndirectSelection.Empty).Nodes.Select(n => n.SearchName)];

    [Fact]
    public void A_bare_name_selects_every_version() =>
        Assert.Equal(["dim_customers.v1", "dim_customers.v2", "dim_customers.v3"], Matched("dim_customers"));

    [Fact]
    public void The_name_and_version_select_one_version_with_a_dot_or_an_underscore()
    {
        Assert.Equal(["dim_customers.v1"], Matched("dim_customers.v1"));
        Assert.Equal(["dim_customers.v2"], Matched("dim_customers_v2"));
        Assert.Equal(["dim_customers.v3"], Matched("shop.dim_customers.v3"));
    }

    [Fact]
    public void The_version_method_selects_the_latest_the_old_the_prereleases_and_the_unversioned()
    {
        Assert.Equal(["dim_customers.v2"], Matched("version:latest"));
        Assert.Equal(["dim_customers.v1"], Matched("version:old"));
        Assert.Equal(["dim_customers.v3"], Matched("version:prerelease"));
        Assert.Equal(["report"], Matched("version:none"));
    }

    [Fact]
    public void Graph_operators_follow_an_unpinned_ref_to_the_latest_version()
    {
        Assert.Equal(["dim_customers.v2", "report"], Matched("+report"));
        Assert.Equal(["dim_customers.v2", "report", "not_null_dim_customers_v2_id"], Matched("dim_customers.v2+"));
    }

    [Fact]
    public void Each_version_s_tests_come_along_with_it()
    {
        var selected = _selector!.Select(["dim_customers.v1"]).Nodes.Select(n => n.Name);
        Assert.Equal(["dim_customers", "not_null_dim_customers_v1_id"], selected);
    }
}
