// SPDX-License-Identifier: Apache-2.0
namespace Osc.Model.Diagnostics;

/// <summary>A diagnostic code of the catalog: its id, default severity and a one-line title.</summary>
public sealed record DiagnosticDescriptor(string Code, Severity Severity, string Title);
