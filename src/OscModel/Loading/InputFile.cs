// SPDX-License-Identifier: Apache-2.0
namespace Osc.Model.Loading;

/// <summary>An input as bytes, with the name diagnostics show for it (a path, or <c>&lt;stdin&gt;</c>).</summary>
public sealed record InputFile(string DisplayName, byte[] Content);
