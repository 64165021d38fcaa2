namespace Greenhouse.Config;

/// <summary>
/// One notification channel: <c>slack</c> (incoming-webhook <see cref="Url"/>), <c>telegram</c> (<see cref="BotToken"/>,
/// <see cref="ChatId"/>, optional <see cref="BaseUrl"/>) or <c>webhook</c> (generic JSON POST to <see cref="Url"/>),
/// receiving only <see cref="Levels"/>.
/// </summary>
public sealed record NotificationChannelConfig(
    string Name,
    string Type,
    IReadOnlySet<NotificationLevel> Levels,
    Credential? Url,
    Credential? BotToken,
    string? ChatId,
    Uri? BaseUrl)
{
    /// <summary>Reads the channel's secrets now: whoever sends to it fails at start when one is not set, not at the first message.</summary>
    public void ResolveCredentials()
    {
        Url?.Resolve();
        BotToken?.Resolve();
    }
}
