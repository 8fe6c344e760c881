// SPDX-License-Identifier: Apache-2.0
namespace Osc.Model.Validation;

/// <summary>Switches for validation.</summary>
public sealed record ValidationOptions
{
    public static ValidationOptions Default { get; } = new();

    /// <summary>
    /// Every <c>secretRef</c> must name a Secret of the input (rendering needs the bytes). When false,
    /// only references to Secrets that are in the input are checked (their keys must exist).
    /// </summary>
    public bool RequireSecrets { get; init; }
}
