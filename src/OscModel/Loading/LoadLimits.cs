// SPDX-License-Identifier: Apache-2.0
namespace Osc.Model.Loading;

/// <summary>Bounds on what one input may cost, so no file can exhaust memory, stack or time.</summary>
public sealed record LoadLimits
{
    public static LoadLimits Default { get; } = new();

    /// <summary>Largest input in bytes (64 MiB).</summary>
    public long MaxInputBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences.</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>
    /// Most nodes one document may expand to, each alias counting as the size of what it repeats. The
    /// nodes aliases add are also counted over the whole input, so many small documents cannot multiply it.
    /// </summary>
    public long MaxNodes { get; init; } = 2_000_000;

    /// <summary>
    /// Most scalar text (UTF-8 bytes) one input may expand to, each alias counting the bytes of what
    /// it repeats (64 MiB, the size limit: text without aliases never reaches it). One 1 MiB value
    /// aliased 3,000 times is 3 GB of output, though the input is small.
    /// </summary>
    public long MaxExpandedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Most documents in one input stream.</summary>
    public int MaxDocuments { get; init; } = 10_000;

    /// <summary>Deepest nesting of Lists (a List item that is itself a List, as kubectl flattens them).</summary>
    public int MaxListNesting { get; init; } = 8;

    /// <summary>
    /// Most bytes of <c>osc.yaml</c> texts decoded from gardener-node-agent Secrets per input, all Secrets
    /// together, so a List repeating one large Secret cannot multiply the work (64 MiB).
    /// </summary>
    public long MaxDecodedBytes { get; init; } = 64L * 1024 * 1024;
}
