namespace Greenhouse.Cli.Commands;

/// <summary>The exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int RunFailed = 1;
    public const int BadConfig = 2;
    public const int WarehouseUnavailable = 3;
    public const int AlreadyRunning = 4;
    public const int Interrupted = 130;
}
