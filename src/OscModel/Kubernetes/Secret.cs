// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;

namespace Osc.Model.Kubernetes;

/// <summary>
/// The part of a Kubernetes <c>v1/Secret</c> Osc needs: the source of <c>secretRef</c> file content.
/// <see cref="Data"/> holds decoded bytes; <c>stringData</c> entries are merged in and win, as the API server does.
/// </summary>
public sealed record Secret
{
    public const string ApiVersion = "v1";
    public const string Kind = "Secret";

    public required ObjectMeta Metadata { get; init; }

    public string? Type { get; init; }

    public required IReadOnlyDictionary<string, byte[]> Data { get; init; }
}
