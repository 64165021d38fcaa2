using Greenhouse.Tests.Infrastructure;
using Greenhouse.Transform;
using Greenhouse.Transform.Project;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Transform.Project;

/// <summary>dbt's data tests on both warehouses: every built-in generic test passing and failing, config, thresholds, build order.</summary>
public sealed class DataTestTests
{
    /// <summary>Four orders, one of each kind of wrong: a repeated id, a null and an unknown status, a negative amount, a customer that does not exist.</summary>
    private const string Orders = """
        select 1 as id, 'placed' as status, 10 as amount, 1 as customer_id, 1 as starts_at, 5 as ends_at, cast(null as varchar(10)) as note
        union all select 2, 'shipped', 20, 2, 5, 10, null
        union all select 2, 'lost', -5, 9, 10, 12, null
        union all select 4, null, 30, 1, 11, 20, null
        """;

    private static ProjectHarness WriteShop(ProjectHarness harness, string tests) => harness
        .Write("dbt_project.yml", "name: shop\nmodels:\n  shop:\n    +materialized: table\n")
        .Write("models/orders.sql", Orders)
        .Write("models/customers.sql", "select 1 as id union all select 2")
        .Write("models/recent.sql", "select {{ dbt.current_timestamp() }} as updated_at")
        .Write("models/old.sql", "select {{ dbt.dateadd('day', -30, dbt.current_timestamp()) }} as updated_at")
        .Write("models/schema.yml", tests);

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Every_built_in_generic_test_passes_on_good_data_and_counts_the_bad_rows(string kind)
    {
        await using var harness = await ProjectHarness.CreateAsync(kind);
        WriteShop(harness, """
            version: 2
            models:
              - name: orders
                data_tests:
                  - dbt_utils.expression_is_true: {name: amounts_are_positive, arguments: {expression: "amount > 0"}}
                  - dbt_utils.expression_is_true: {name: ids_are_positive, arguments: {expression: "id > 0"}}
                  - dbt_utils.unique_combination_of_columns: {name: id_status_is_unique, arguments: {combination_of_columns: [id, status]}}
                  - dbt_utils.unique_combination_of_columns: {name: id_customer_is_unique, arguments: {combination_of_columns: [id, customer_id]}}
                  - dbt_utils.unique_combination_of_columns: {name: id_alone_is_unique, arguments: {combination_of_columns: [id]}}
                  - dbt_utils.mutually_exclusive_ranges: {name: ranges_do_not_overlap, arguments: {lower_bound_column: starts_at, upper_bound_column: ends_at}}
                  - dbt_utils.mutually_exclusive_ranges:
                      name: ranges_per_customer_do_not_overlap
                      arguments: {lower_bound_column: starts_at, upper_bound_column: ends_at, partition_by: customer_id}
                columns:
                  - name: id
                    data_tests:
                      - unique: {name: id_is_unique}
                      - not_null: {name: id_is_not_null}
                      - dbt_utils.at_least_one: {name: id_has_a_value}
                  - name: amount
                    data_tests:
                      - unique: {name: amount_is_unique}
                      - accepted_values: {name: amount_is_known, arguments: {values: [10, 20, -5, 30], quote: false}}
                      - dbt_utils.accepted_range: {name: amount_at_least_zero, arguments: {min_value: 0}}
                      - dbt_utils.accepted_range: {name: amount_in_range, arguments: {min_value: -10, max_value: 30}}
                      - dbt_utils.accepted_range: {name: amount_below_30_exclusive, arguments: {max_value: 30, inclusive: false}}
                      - dbt_utils.expression_is_true: {name: amount_below_100, arguments: {expression: "< 100"}}
                  - name: status
                    data_tests:
                      - not_null: {name: status_is_not_null}
                      - accepted_values: {name: status_is_known, arguments: {values: [placed, shipped, lost]}}
                      - accepted_values: {name: status_is_open, arguments: {values: [placed, shipped]}}
                      - dbt_utils.not_null_proportion: {name: status_mostly_set, arguments: {at_least: 0.7}}
                      - dbt_utils.not_null_proportion: {name: status_always_set, arguments: {at_least: 0.9}}
                  - name: customer_id
                    data_tests:
                      - relationships: {name: customer_exists, arguments: {to: "ref('customers')", field: id}}
                      - relationships: {name: customer_is_in_orders, arguments: {to: "ref('orders')", field: customer_id}}
                  - name: note
                    data_tests:
                      - dbt_utils.at_least_one: {name: note_has_a_value}
              - name: recent
                data_tests:
                  - dbt_utils.recency: {name: recent_is_recent, arguments: {field: updated_at, datepart: day, interval: 1}}
              - name: old
                data_tests:
                  - dbt_utils.recency: {name: old_is_recent, arguments: {field: updated_at, datepart: day, interval: 1}}
                  - dbt_utils.recency: {name: old_is_within_60_days, arguments: {field: updated_at, datepart: day, interval: 60}}
            """);

        var result = await harness.RunAsync();

        Assert.All(result.Nodes.Where(n => n.Materialization != "test"), n => Assert.True(n.Status == ModelRunStatus.Succeeded, $"{n.Node}: {n.Error}"));
        var outcome = result.Tests.ToDictionary(t => t.Node.Name, t => (t.Record.Status, t.Record.RowsAffected, t.Record.Error));
        Assert.Equal(27, outcome.Count);
        Assert.All(result.Tests, t => Assert.False(t.RuntimeError, $"{t.Node.Name}: {t.Record.Error}\n{t.Sql}"));
        var expected = new Dictionary<string, long>
        {
            ["amounts_are_positive"] = 1, ["ids_are_positive"] = 0,
            ["id_status_is_unique"] = 0, ["id_customer_is_unique"] = 0, ["id_alone_is_unique"] = 1,
            ["ranges_do_not_overlap"] = 1, ["ranges_per_customer_do_not_overlap"] = 0,
            ["id_is_unique"] = 1, ["id_is_not_null"] = 0, ["id_has_a_value"] = 0,
            ["amount_is_unique"] = 0, ["amount_is_known"] = 0, ["amount_at_least_zero"] = 1, ["amount_in_range"] = 0,
            ["amount_below_30_exclusive"] = 1, ["amount_below_100"] = 0,
            ["status_is_not_null"] = 1, ["status_is_known"] = 0, ["status_is_open"] = 1, ["status_mostly_set"] = 0, ["status_always_set"] = 1,
            ["customer_exists"] = 1, ["customer_is_in_orders"] = 0, ["note_has_a_value"] = 1,
            ["recent_is_recent"] = 0, ["old_is_recent"] = 1, ["old_is_within_60_days"] = 0,
        };
        foreach (var (name, failures) in expected)
        {
            Assert.True(outcome.ContainsKey(name), $"no test {name}");
            Assert.True(outcome[name].RowsAffected == failures, $"{name}: {outcome[name].RowsAffected} failures, expected {failures}");
            Assert.Equal(failures == 0 ? ModelRunStatus.Succeeded : ModelRunStatus.Failed, outcome[name].Status);
        }

        Assert.Equal("Got 1 result, configured to fail if != 0.", outcome["id_is_unique"].Error);
        // The failing rows are kept: the repeated id, and the value accepted_values did not accept, with its count.
        var unique = result.Tests.Single(t => t.Node.Name == "id_is_unique");
        Assert.Equal(["unique_field", "n_records"], unique.Columns);
        Assert.Equal("2|2", string.Join('|', unique.Rows.Single().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
        var open = result.Tests.Single(t => t.Node.Name == "status_is_open");
        Assert.Equal("lost", Convert.ToString(open.Rows.Single()[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ModelRunStatus.Succeeded, result.Nodes.Single(n => n.Node == "model.shop.orders").Status);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Severity_thresholds_where_and_limit_are_read_as_dbt_reads_them(string kind)
    {
        await using var harness = await ProjectHarness.CreateAsync(kind);
        WriteShop(harness, """
            version: 2
            models:
              - name: orders
                columns:
                  - name: status
                    data_tests:
                      - accepted_values: {name: warned, arguments: {values: [placed]}, config: {severity: warn}}
                      - accepted_values: {name: over_warn_threshold, arguments: {values: [placed]}, config: {warn_if: ">= 2", error_if: ">= 3"}}
                      - accepted_values: {name: over_error_threshold, arguments: {values: [placed]}, config: {warn_if: ">= 1", error_if: ">= 2"}}
                      - accepted_values: {name: under_both, arguments: {values: [placed]}, config: {warn_if: "> 5", error_if: "> 5"}}
                      - accepted_values: {name: warn_ignores_error_if, arguments: {values: [placed]}, config: {severity: warn, warn_if: "> 5"}}
                      - not_null: {name: filtered_by_where, config: {where: "id <> 4"}}
                      - accepted_values:
                          name: legacy_config_keys
                          values: [placed]
                          severity: warn
                  - name: amount
                    data_tests:
                      - dbt_utils.accepted_range: {name: limited, arguments: {max_value: 0}, config: {limit: 2}}
            """);

        var result = await harness.RunAsync();

        var outcome = result.Tests.ToDictionary(t => t.Node.Name, t => t.Record);
        Assert.Equal(ModelRunStatus.Warned, outcome["warned"].Status);
        Assert.Equal("Got 2 results, configured to warn if != 0.", outcome["warned"].Error);
        Assert.Equal(ModelRunStatus.Warned, outcome["over_warn_threshold"].Status);
        Assert.Equal(ModelRunStatus.Failed, outcome["over_error_threshold"].Status);
        Assert.Equal("Got 2 results, configured to fail if >= 2.", outcome["over_error_threshold"].Error);
        Assert.Equal(ModelRunStatus.Succeeded, outcome["under_both"].Status);
        Assert.Equal(ModelRunStatus.Succeeded, outcome["warn_ignores_error_if"].Status);
        Assert.Equal((ModelRunStatus.Succeeded, 0L), (outcome["filtered_by_where"].Status, outcome["filtered_by_where"].RowsAffected ?? -1));
        Assert.Equal(ModelRunStatus.Warned, outcome["legacy_config_keys"].Status);
        Assert.Equal(2L, outcome["limited"].RowsAffected);
        // Warnings alone leave the run succeeded; the error-severity failure makes it partial.
        Assert.Equal(RunStatus.Partial, result.Status);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Build_skips_what_reads_a_model_whose_error_test_fails_but_not_after_a_warning(string kind)
    {
        await using var harness = await ProjectHarness.CreateAsync(kind);
        WriteShop(harness, """
            version: 2
            models:
              - name: orders
                columns:
                  - name: id
                    data_tests: [unique]
              - name: customers
                columns:
                  - name: id
                    data_tests:
                      - not_null
                      - accepted_values: {name: only_customer_one, arguments: {values: [1], quote: false}, config: {severity: warn}}
            """)
            .Write("models/order_totals.sql", "select customer_id, sum(amount) as total from {{ ref('orders') }} group by customer_id")
            .Write("models/customer_list.sql", "select id from {{ ref('customers') }}");

        var result = await harness.RunAsync();

        var status = result.Nodes.ToDictionary(n => n.Node.Split('.')[2], n => n);
        Assert.Equal(ModelRunStatus.Failed, status["unique_orders_id"].Status);
        Assert.Equal(ModelRunStatus.Skipped, status["order_totals"].Status);
        Assert.Contains("test.shop.unique_orders_id", status["order_totals"].Error, StringComparison.Ordinal);
        Assert.Equal(ModelRunStatus.Warned, status["only_customer_one"].Status);
        Assert.Equal(ModelRunStatus.Succeeded, status["customer_list"].Status);
        // What reads a tested model starts only after its tests ended.
        Assert.True(status["customer_list"].StartedAt >= status["not_null_customers_id"].FinishedAt);
        Assert.Null(await harness.Transform.KindOfAsync("order_totals"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Singular_and_custom_generic_tests_run_with_their_config(string kind)
    {
        await using var harness = await ProjectHarness.CreateAsync(kind);
        WriteShop(harness, """
            version: 2
            models:
              - name: orders
                columns:
                  - name: amount
                    data_tests:
                      - is_even
                      - at_most: {max: 25}
            data_tests:
              - name: no_lost_orders
                description: Nothing may be lost.
                config: {severity: warn}
            """)
            .Write("dbt_project.yml", "name: shop\nmodels:\n  shop:\n    +materialized: table\ndata_tests:\n  shop:\n    +tags: [nightly]\n    quiet:\n      +enabled: false\n")
            .Write("macros/is_even.sql", "{% test is_even(model, column_name) %}select * from {{ model }} where {{ column_name }} % 2 <> 0{% endtest %}")
            .Write("tests/generic/at_most.sql", "{% test at_most(model, column_name, max) %}select {{ column_name }} from {{ model }} where {{ column_name }} > {{ max }}{% endtest %}")
            .Write("tests/no_lost_orders.sql", "select * from {{ ref('orders') }} where status = 'lost'")
            .Write("tests/no_big_orders.sql", "{{ config(severity='error', error_if='>= 2') }}\nselect * from {{ ref('orders') }} where amount >= 20")
            .Write("tests/quiet/disabled.sql", "select 1 as always_failing");

        var project = harness.Parse();
        var tests = project.Nodes.Where(n => n.Type == ManifestNodeType.Test).ToDictionary(n => n.Name);
        Assert.Equal(["at_most_orders_amount__25", "is_even_orders_amount", "no_big_orders", "no_lost_orders"], tests.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("is_even", tests["is_even_orders_amount"].TestName);
        Assert.Null(tests["no_lost_orders"].TestName);
        Assert.Equal(["model.shop.orders"], tests["no_lost_orders"].DependsOn);
        Assert.All(tests.Values, t => Assert.Contains("nightly", t.Tags));

        var result = await harness.RunAsync(project);

        var outcome = result.Tests.ToDictionary(t => t.Node.Name, t => t.Record);
        Assert.Equal((ModelRunStatus.Failed, 1L), (outcome["is_even_orders_amount"].Status, outcome["is_even_orders_amount"].RowsAffected ?? 0));
        Assert.Equal((ModelRunStatus.Failed, 1L), (outcome["at_most_orders_amount__25"].Status, outcome["at_most_orders_amount__25"].RowsAffected ?? 0));
        Assert.Equal(ModelRunStatus.Warned, outcome["no_lost_orders"].Status);
        Assert.Equal("Nothing may be lost.", result.Tests.Single(t => t.Node.Name == "no_lost_orders").Node.Test!.Description);
        Assert.Equal((ModelRunStatus.Failed, 2L), (outcome["no_big_orders"].Status, outcome["no_big_orders"].RowsAffected ?? 0));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Source_tests_are_named_as_dbt_names_them_and_store_failures_keeps_the_rows(string kind)
    {
        await using var harness = await ProjectHarness.CreateAsync(kind);
        await harness.LandAsync("stripe", "customers", ["email"], ["cus_1", "a@example.com"], ["cus_2", null], ["cus_3", "a@example.com"]);
        harness.Write("dbt_project.yml", "name: shop\n")
            .Write("models/sources.yml", """
                version: 2
                sources:
                  - name: stripe
                    tables:
                      - name: customers
                        columns:
                          - name: email
                            data_tests:
                              - not_null
                              - unique: {config: {store_failures: true}}
                """);

        var result = await harness.RunAsync();

        var outcome = result.Tests.ToDictionary(t => t.Node.Name, t => t.Record);
        Assert.Equal(["source_not_null_stripe_customers_email", "source_unique_stripe_customers_email"], outcome.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1L, outcome["source_not_null_stripe_customers_email"].RowsAffected);
        Assert.Equal(["cus_2"], result.Tests.Single(t => t.Node.Name == "source_not_null_stripe_customers_email").Rows.Select(r => (string)r[0]!));
        var audit = harness.Transform.Warehouse.ModelRelation(harness.Transform.Schema + "_dbt_test__audit", "source_unique_stripe_customers_email");
        Assert.Equal(["a@example.com|2"], await harness.RowsAsync($"select unique_field, n_records from {audit.Sql}"));
    }

    [Fact]
    public async Task A_test_that_names_no_generic_test_fails_the_parse_naming_the_file_and_a_guess()
    {
        await using var harness = await ProjectHarness.CreateAsync("sqlite");
        WriteShop(harness, """
            version: 2
            models:
              - name: orders
                columns:
                  - name: id
                    data_tests: [uniqe, {dbt_utils.expression_is_tru: {expression: "id > 0"}}, {codegen.thing: {}}, {unique: {}, not_null: {}}]
            """);

        var error = Assert.Throws<ProjectException>(() => harness.Parse());

        Assert.Contains("models/schema.yml:6:22: no generic test 'uniqe'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'unique'?", error.Message, StringComparison.Ordinal);
        Assert.Contains("no generic test 'dbt_utils.expression_is_tru'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'dbt_utils.expression_is_true'?", error.Message, StringComparison.Ordinal);
        Assert.Contains("from the package 'codegen', which Greenhouse does not install", error.Message, StringComparison.Ordinal);
        Assert.Contains("this one has 2 keys (unique, not_null)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_test_whose_query_fails_is_an_error_naming_its_file_and_the_others_still_run(string kind)
    {
        await using var harness = await ProjectHarness.CreateAsync(kind);
        WriteShop(harness, """
            version: 2
            models:
              - name: orders
                columns:
                  - name: no_such_column
                    data_tests: [not_null]
                  - name: id
                    data_tests: [not_null]
            """);

        var result = await harness.RunAsync();

        var broken = result.Tests.Single(t => t.Node.Name == "not_null_orders_no_such_column");
        Assert.True(broken.RuntimeError);
        Assert.Equal(ModelRunStatus.Failed, broken.Record.Status);
        Assert.StartsWith("models/schema.yml:6:22: test not_null_orders_no_such_column could not run:", broken.Record.Error, StringComparison.Ordinal);
        Assert.Equal(ModelRunStatus.Succeeded, result.Tests.Single(t => t.Node.Name == "not_null_orders_id").Record.Status);
    }
}
