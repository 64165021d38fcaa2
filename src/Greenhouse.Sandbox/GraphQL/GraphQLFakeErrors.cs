using System.Text;
using System.Text.Json.Nodes;

namespace Greenhouse.Sandbox.GraphQL;

/// <summary>GraphQL errors the fakes answer with: injected ones (for tests) and the bodies of their own errors. Thread-safe.</summary>
internal sealed class GraphQLFakeErrors
{
    private readonly Lock _lock = new();
    private readonly List<(string Connection, string Code, string Message, int Left)> _pending = [];

    public void Inject(string connection, string code, string message, int times)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_lock)
        {
            _pending.Add((connection, code, message, times));
        }
    }

    /// <summary>The injected error for this query of <paramref name="connection"/>, if one is pending (counts it down).</summary>
    public (string Code, string Message)? Take(string connection)
    {
        lock (_lock)
        {
            var index = _pending.FindIndex(e => e.Connection == connection);
            if (index < 0)
            {
                return null;
            }

            var error = _pending[index];
            if (error.Left <= 1)
            {
                _pending.RemoveAt(index);
            }
            else
            {
                _pending[index] = error with { Left = error.Left - 1 };
            }

            return (error.Code, error.Message);
        }
    }

    /// <summary><c>{"errors":[{"message":…,"extensions":{"code":…}}]}</c> with <paramref name="status"/>.</summary>
    public static JsonBytesResult Result(int status, string code, string message) => Json(status, new JsonObject
    {
        ["errors"] = new JsonArray(new JsonObject
        {
            ["message"] = message,
            ["extensions"] = new JsonObject { ["code"] = code },
        }),
    });

    public static JsonBytesResult Json(int status, JsonObject body) => new(status, Encoding.UTF8.GetBytes(body.ToJsonString()));
}
