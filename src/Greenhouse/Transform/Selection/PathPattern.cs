namespace Greenhouse.Transform.Selection;

/// <summary>
/// A <c>path:</c> selector's value: a path relative to the project root, with glob segments. dbt globs it on disk
/// (<c>Path(root).glob(value)</c>) and selects a node whose file, or any folder above it, is among the results;
/// the node paths are those files, so matching the pattern against each node's path and each of its folders
/// selects the same nodes without reading the disk. A segment <c>**</c> matches any number of folders, other
/// segments match one name with fnmatch wildcards.
/// </summary>
internal sealed class PathPattern
{
    private readonly string[] _segments;

    private PathPattern(string[] segments) => _segments = segments;

    /// <summary>Null when the value is not a relative path (dbt refuses those too: "Non-relative patterns are unsupported").</summary>
    public static PathPattern? TryParse(string value)
    {
        var text = value.Replace('\\', '/');
        if (text.StartsWith('/') || (text.Length >= 2 && text[1] == ':'))
        {
            return null;
        }

        // pathlib drops '.' segments, empty segments and a trailing '/': "./models//staging/" is "models/staging".
        var segments = text.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        return new PathPattern(segments);
    }

    /// <summary>Whether the node's file (<c>models/staging/stg_x.sql</c>) or a folder above it matches.</summary>
    public bool Selects(string nodePath)
    {
        if (_segments.Length == 0)
        {
            // The project root itself: every file is under it.
            return true;
        }

        var path = nodePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var length = 1; length <= path.Length; length++)
        {
            if (Matches(0, path, 0, length))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the pattern names this file itself (dbt's check of a node's <c>patch_path</c>: the .yml describing it).</summary>
    public bool SelectsFile(string filePath)
    {
        var path = filePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return _segments.Length > 0 && Matches(0, path, 0, path.Length);
    }

    private bool Matches(int p, string[] path, int i, int length)
    {
        if (p == _segments.Length)
        {
            return i == length;
        }

        if (_segments[p] == "**")
        {
            for (var skip = i; skip <= length; skip++)
            {
                if (Matches(p + 1, path, skip, length))
                {
                    return true;
                }
            }

            return false;
        }

        return i < length && Wildcard.IsMatch(path[i], _segments[p]) && Matches(p + 1, path, i + 1, length);
    }
}
