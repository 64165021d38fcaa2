namespace Greenhouse.Warehouse;

/// <summary>The messages of <see cref="IWarehouse.CheckReadableAsync"/>, the same for both dialects.</summary>
internal static class MigrationLevel
{
    private const string RunFirst = "Run `greenhouse sync` (or `greenhouse migrate`) first";

    public static WarehouseException NoFile(string path) => new(
        $"no warehouse at {path}: the file does not exist (nothing was created). Check the warehouse setting, or {char.ToLowerInvariant(RunFirst[0])}{RunFirst[1..]} to create it.")
    { NotReady = true };

    public static WarehouseException NoMetadata(string where) => new(
        $"{where} holds no Greenhouse tables yet. {RunFirst}; read-side commands never create them.")
    { NotReady = true };

    /// <summary>Null when <paramref name="applied"/> is this Greenhouse's <paramref name="latest"/>; else what to tell.</summary>
    public static WarehouseException? Check(string where, long applied, int latest) => applied == latest
        ? null
        : applied < latest
            ? new WarehouseException(
                $"{where} is out of date: its metadata tables are at version {applied}, this Greenhouse reads version {latest}. {RunFirst} to update them; read-side commands never change them.")
            { NotReady = true }
            : new WarehouseException(
                $"{where} was updated by a newer Greenhouse (metadata version {applied}; this one knows {latest}). Upgrade greenhouse to read it.")
            { NotReady = true };
}
