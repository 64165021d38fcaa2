namespace Greenhouse.Sandbox.Telegram;

/// <summary>A message the fake Telegram Bot API accepted through <c>sendMessage</c>.</summary>
public sealed record TelegramMessage(string Token, string ChatId, string Text, string? ParseMode, long MessageId);
