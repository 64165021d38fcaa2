using Greenhouse.Query;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;
using Npgsql;

namespace Greenhouse.Tests.Warehouse;

/// <summary>
/// Queries limited to the modelled schemas (<see cref="QueryOptions.ModelSchema"/>, what the web UI's viewers run):
/// models and the views built on raw tables read, raw and Greenhouse tables refused, held by SQLite's authorizer and
/// by PostgreSQL's grants to the model_reader login.
/// </summary>
public sealed class ModelsOnlyReadTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Models_and_their_views_read_and_raw_or_greenhouse_tables_are_refused(string kind)
    {
        await using var path = await ReadPath.CreateAsync(kind);
        var schema = path.Test.ModelSchema();
        string? role = null;
        var owner = path.Owner;
        if (kind == "postgresql")
        {
            // The login is made before the model schema exists: making the schema grants it.
            role = "gh_models_" + Guid.NewGuid().ToString("N")[..8];
            await ((IReaderGrants)owner).GrantReaderAsync(role, ReadPath.Password, modelsOnly: true);
            owner = WarehouseFactory.Open(WarehouseSetting.Parse(path.Test.Spec).WithModelReader(ReadPath.ConnectionStringFor(role)), path.Test.RawSchema);
        }

        try
        {
            var table = owner.ModelRelation(schema, "item_counts");
            var view = owner.ModelRelation(schema, "items_view");
            await owner.EnsureSchemaAsync(table);
            await owner.ExecuteAsync($"CREATE TABLE {table.Sql} AS SELECT count(*) AS n FROM {path.Table}");
            await owner.ExecuteAsync($"CREATE VIEW {view.Sql} AS SELECT * FROM {path.Table}");
            var models = QueryService.Read(100) with { ModelSchema = schema };
            var users = owner.MetadataTableSql("_gh_users");

            Assert.Equal(3L, Convert.ToInt64((await owner.QueryAsync($"SELECT n FROM {table.Sql}", models)).Rows.Single()[0], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(3, (await owner.QueryAsync($"SELECT * FROM {view.Sql}", models)).Rows.Count);
            Assert.Single((await owner.QueryAsync($"SELECT COUNT(*) AS n FROM {view.Sql}", models)).Rows);
            foreach (var sql in new[]
            {
                $"SELECT * FROM {path.Table}",
                $"SELECT * FROM {users}",
                $"SELECT n, (SELECT max(id) FROM {path.Table}) FROM {table.Sql}",
                $"WITH sneaky AS (SELECT * FROM {path.Table}) SELECT * FROM sneaky",
            })
            {
                var refused = await Record.ExceptionAsync(() => owner.QueryAsync(sql, models)) as WarehouseException ?? throw new Xunit.Sdk.XunitException($"not refused: {sql}");
                Assert.True(refused.Message.StartsWith("Query refused: this login reads only the modelled", StringComparison.Ordinal), refused.Message);
            }

            // SQLite's authorizer sees a read through a CTE as one through a view of its name: a CTE named like a model is refused.
            if (kind == "sqlite")
            {
                foreach (var cte in new[] { $"{schema}_items_view", $"\"{schema}_x\"(a)", $"[{schema.ToUpperInvariant()}_Y] AS NOT MATERIALIZED" })
                {
                    var name = cte.Split(" AS ")[0];
                    var sql = $"WITH {cte} AS (SELECT id FROM {path.Table}) SELECT * FROM {name.Split('(')[0]}";
                    var refused = await Record.ExceptionAsync(() => owner.QueryAsync(sql.Replace(" AS NOT MATERIALIZED AS ", " AS NOT MATERIALIZED ", StringComparison.Ordinal), models));
                    Assert.True(refused is WarehouseException && refused.Message.StartsWith("Query refused: a WITH name may not begin with", StringComparison.Ordinal), $"{sql}: {refused?.Message}");
                }

                Assert.Single((await owner.QueryAsync($"WITH counted AS (SELECT n FROM {table.Sql}) SELECT n AS \"{schema}_fine AS (\" FROM counted -- {schema}_x AS (", models)).Rows);
            }

            // The same text without the limit reads: the limit is what refused it.
            Assert.Equal(3, (await owner.QueryAsync($"SELECT * FROM {path.Table}", QueryService.Read(100))).Rows.Count);
            if (kind == "sqlite")
            {
                var pragma = await Assert.ThrowsAsync<WarehouseException>(() => owner.QueryAsync($"PRAGMA table_info({path.Table})", models));
                Assert.StartsWith("Query refused", pragma.Message, StringComparison.Ordinal);
                Assert.NotEmpty((await owner.QueryAsync($"PRAGMA table_info({table.Sql})", models)).Rows);
            }
        }
        finally
        {
            if (role is not null)
            {
                await owner.DisposeAsync();
                await PostgresRoles.DropAsync(role);
            }
        }
    }

    [Fact]
    public async Task On_postgresql_without_a_model_reader_login_such_a_query_is_refused_saying_how_to_make_one()
    {
        await using var test = await TestWarehouse.CreateAsync("postgresql");
        await using var warehouse = await test.OpenMigratedAsync();

        var refused = await Assert.ThrowsAsync<WarehouseException>(() => warehouse.QueryAsync("SELECT 1", QueryService.Read(10) with { ModelSchema = "analytics" }));

        Assert.Contains("greenhouse grant reader greenhouse_models --models-only", refused.Message, StringComparison.Ordinal);
        Assert.Contains("model_reader:", refused.Message, StringComparison.Ordinal);
    }
}
