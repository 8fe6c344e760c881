// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Syntax;

namespace Osc.Model.Diagnostics;

/// <summary>
/// One finding: a code, a severity, the JSON path in the input (<c>$.spec.files[3].permissions</c>),
/// where it stands in the file, a message that names the problem, and a hint that names the fix.
/// </summary>
public sealed record OscDiagnostic(
    string Code,
    Severity Severity,
    string Message,
    string? Path,
    SourceSpan? Span,
    string? Hint = null)
{
    /// <summary>One line: <c>file:line:col: error[OSC1203] $.path: message</c>.</summary>
    public override string ToString()
    {
        var where = Span is { } span ? span + ": " : "";
        var path = Path is null ? "" : " " + Path;
        return $"{where}{SeverityText(Severity)}[{Code}]{path}: {Message}";
    }

    internal static string SeverityText(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };
}
