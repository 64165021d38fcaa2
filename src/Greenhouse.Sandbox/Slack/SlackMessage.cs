using System.Text.Json;

namespace Greenhouse.Sandbox.Slack;

/// <summary>A message the fake Slack webhook accepted: the webhook path it was posted to, its <c>text</c> and the whole body.</summary>
public sealed record SlackMessage(string Path, string? Text, JsonElement Body)
{
    /// <summary>The <c>text</c> plus every block's text, for assertions on what a reader sees.</summary>
    public string AllText
    {
        get
        {
            var parts = new List<string>();
            if (Text is not null)
            {
                parts.Add(Text);
            }

            if (Body.TryGetProperty("blocks", out var blocks) && blocks.ValueKind == JsonValueKind.Array)
            {
                foreach (var block in blocks.EnumerateArray())
                {
                    if (block.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.Object
                        && text.TryGetProperty("text", out var inner) && inner.ValueKind == JsonValueKind.String)
                    {
                        parts.Add(inner.GetString()!);
                    }
                }
            }

            return string.Join("\n", parts);
        }
    }
}
