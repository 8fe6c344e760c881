// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using Osc.Model.Loading;

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

    /// <summary>
    /// The paths that something other than the declared files writes on the node for an OSC (its renderer
    /// knows them). Without it, declared files are checked against each other and the node's standard
    /// directories only.
    /// </summary>
    public Func<LoadedDocument<OperatingSystemConfig>, IReadOnlyList<NodePathClaim>>? NodePathClaims { get; init; }
}
