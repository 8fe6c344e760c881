// SPDX-License-Identifier: Apache-2.0
namespace Osc.Model.Diagnostics;

/// <summary>How bad a diagnostic is. <c>--strict</c> turns warnings into errors.</summary>
public enum Severity
{
    Error,
    Warning,
    Info,
}
