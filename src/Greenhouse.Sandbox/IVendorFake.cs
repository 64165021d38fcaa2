using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox;

/// <summary>
/// One vendor's fake API. The sandbox mounts <see cref="Map"/> under <c>/{Name}</c>, and also at the root when
/// <see cref="ServeAtRoot"/> is set, so a fake can stand in for the vendor's own host.
/// </summary>
public interface IVendorFake
{
    /// <summary>Lower-case vendor name; also the path prefix (<c>stripe</c> → <c>/stripe</c>).</summary>
    string Name { get; }

    /// <summary>Whether the fake is also served without the prefix (at most one vendor should claim the root).</summary>
    bool ServeAtRoot { get; }

    /// <summary>Adds the fake's endpoints to <paramref name="routes"/>; called once per mount point.</summary>
    void Map(IEndpointRouteBuilder routes);
}
