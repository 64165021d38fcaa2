using Greenhouse.Warehouse;
using Greenhouse.Warehouse.Postgres;
using Npgsql;

namespace Greenhouse.Tests.Warehouse;

public sealed class WarehouseErrorTests
{
    [Theory]
    [InlineData("mysql://admin:hunter2@db.example.com/shop")]
    [InlineData("greenhouse.db")]
    [InlineData("")]
    public void Unsupported_setting_names_the_accepted_forms_and_not_the_password(string spec)
    {
        var error = Assert.Throws<WarehouseException>(() => WarehouseFactory.Open(spec));

        Assert.Contains("sqlite:<path>", error.Message, StringComparison.Ordinal);
        Assert.Contains("postgresql://", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_schema_must_be_a_plain_identifier()
    {
        Assert.Throws<WarehouseException>(() => WarehouseFactory.Open("sqlite:/tmp/x.db", "raw\"; DROP"));
    }

    [Fact]
    public void Postgres_url_becomes_connection_settings()
    {
        Assert.True(PostgresConnectionSpec.TryParse(
            "postgres://us%40er:p%3As%2Fs@db.example.com/ware%20house?sslmode=verify-full&application_name=gh", out var settings));

        Assert.Equal(("us@er", "p:s/s", "db.example.com", 5432, "ware house", SslMode.VerifyFull, "gh"),
            (settings.Username, settings.Password, settings.Host, settings.Port, settings.Database, settings.SslMode, settings.ApplicationName));
        Assert.Equal(5, settings.Timeout);
        Assert.Equal(300, settings.CommandTimeout);
    }

    [Fact]
    public async Task A_statement_over_the_command_timeout_is_named_as_such_not_as_an_unreachable_server()
    {
        var settings = new NpgsqlConnectionStringBuilder(TestWarehouse.PostgresConnectionString) { CommandTimeout = 1 };
        await using var warehouse = WarehouseFactory.Open(settings.ConnectionString);

        var error = await Assert.ThrowsAsync<WarehouseException>(() => warehouse.QueryAsync("SELECT pg_sleep(3)"));

        Assert.Contains("did not finish a statement within the command timeout (1 s)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot connect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_does_not_connect_and_an_unreachable_server_is_named()
    {
        await using var warehouse = WarehouseFactory.Open("postgresql://greenhouse:s3cret-pw@127.0.0.1:5999/warehouse");
        Assert.Equal("127.0.0.1:5999/warehouse", warehouse.Description);

        var error = await Assert.ThrowsAsync<WarehouseException>(() => warehouse.MigrateAsync());

        Assert.Equal(
            "Cannot connect to PostgreSQL at 127.0.0.1:5999 (connection refused). Is the server running and is the warehouse setting right?",
            error.Message);
    }

    [Fact]
    public async Task Wrong_password_is_reported_without_the_password()
    {
        var settings = new NpgsqlConnectionStringBuilder(TestWarehouse.PostgresConnectionString) { Password = "wrong-s3cret-42" };
        await using var warehouse = WarehouseFactory.Open(settings.ConnectionString);

        var error = await Assert.ThrowsAsync<WarehouseException>(() => warehouse.MigrateAsync());

        Assert.Equal(
            $"PostgreSQL rejected the password for user '{settings.Username}' at {settings.Host}:{settings.Port}/{settings.Database}. "
            + "Check the user and password in the warehouse setting.",
            error.Message);
        Assert.DoesNotContain("wrong-s3cret-42", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_database_is_named()
    {
        var settings = new NpgsqlConnectionStringBuilder(TestWarehouse.PostgresConnectionString) { Database = "greenhouse_no_such_db" };
        var url = $"postgresql://{Uri.EscapeDataString(settings.Username!)}:{Uri.EscapeDataString(settings.Password!)}@{settings.Host}:{settings.Port}/greenhouse_no_such_db";
        await using var warehouse = WarehouseFactory.Open(url);

        var error = await Assert.ThrowsAsync<WarehouseException>(() => warehouse.MigrateAsync());

        Assert.Contains("Database 'greenhouse_no_such_db' does not exist", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(settings.Password!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_url_with_an_encoded_password_connects()
    {
        await using var test = await TestWarehouse.CreateAsync("postgresql");
        var settings = new NpgsqlConnectionStringBuilder(TestWarehouse.PostgresConnectionString);
        var url = $"postgresql://{Uri.EscapeDataString(settings.Username!)}:{Uri.EscapeDataString(settings.Password!)}@{settings.Host}:{settings.Port}/{settings.Database}?sslmode=disable";
        await using var warehouse = WarehouseFactory.Open(url, test.RawSchema);

        await warehouse.MigrateAsync();

        Assert.Equal("postgresql", warehouse.Kind);
        Assert.Empty(await warehouse.ReadStateAsync());
    }

    [Fact]
    public async Task Sqlite_file_in_a_missing_directory_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), "greenhouse-missing-" + Guid.NewGuid().ToString("N"), "greenhouse.db");
        await using var warehouse = WarehouseFactory.Open("sqlite:" + path);

        var error = await Assert.ThrowsAsync<WarehouseException>(() => warehouse.MigrateAsync());

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetDirectoryName(path)!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_file_that_is_not_a_database_is_named()
    {
        await using var test = await TestWarehouse.CreateAsync("sqlite");
        var path = test.Spec["sqlite:".Length..];
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat("this is a text file, not a database\n", 200)));
        var warehouse = test.Open();

        var error = await Assert.ThrowsAsync<WarehouseException>(() => warehouse.MigrateAsync());

        Assert.Contains("is not a SQLite database", error.Message, StringComparison.Ordinal);
    }
}
