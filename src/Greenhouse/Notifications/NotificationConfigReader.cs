using Greenhouse.Config;

namespace Greenhouse.Notifications;

/// <summary>
/// The <c>notifications:</c> section: one channel per name, its <c>type:</c> one of the channels Greenhouse has
/// (<see cref="NotificationChannel.Types"/>), its URL or token a credential, and the levels it receives.
/// </summary>
internal static class NotificationConfigReader
{
    private static readonly Dictionary<string, NotificationLevel> Levels = Enum.GetValues<NotificationLevel>().ToDictionary(l => l.ToString().ToLowerInvariant());

    public static IReadOnlyList<NotificationChannelConfig> Read(ConfigSection root) => root.Entry("notifications") is { } notifications
        ? [.. notifications
            .Entries("expected a mapping of channel names to settings, e.g. 'alerts: {type: slack, url: ${SLACK_WEBHOOK_URL}}'")
            .Select(channel => channel.Read("expected type: and the channel's settings", section => Channel(section, channel.Name)))]
        : [];

    private static NotificationChannelConfig Channel(ConfigSection channel, string name)
    {
        var types = NotificationChannel.Types;
        var type = channel.RequiredText("type", $"required key is missing; one of: {string.Join(", ", types)}");
        if (channel.Entry("type") is { } typeEntry && !types.Contains(type))
        {
            throw typeEntry.Error($"unknown channel type '{type}'.{DidYouMean.Hint(type, types)} Known types: {string.Join(", ", types)}");
        }

        Credential? Secret(string key, bool required) => required
            ? channel.RequiredSecret(key, $"required for a {type} channel; add '{key}: ${{{name.ToUpperInvariant()}_{key.ToUpperInvariant()}}}' and export that variable")
            : channel.Secret(key);

        var url = Secret("url", required: type != "telegram");
        var botToken = Secret("bot_token", required: type == "telegram");
        var chatId = channel.Text("chat_id");
        if (type == "telegram")
        {
            channel.Require("chat_id", "required for a telegram channel: the chat to post to");
        }

        var baseUrl = channel.Url("base_url");
        var levels = channel.Entry("levels") is { } list
            ? list.Items("expected a list, e.g. [error, warn]").Select(item => Levels[item.Choice(Levels.Keys)]).ToHashSet()
            : [NotificationLevel.Error, NotificationLevel.Warn];
        return new NotificationChannelConfig(name, type, levels, url, botToken, chatId, baseUrl);
    }
}
