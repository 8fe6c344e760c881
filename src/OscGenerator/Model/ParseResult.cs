// SPDX-License-Identifier: Apache-2.0
using Osc.Generator.Helpers;

namespace Osc.Generator.Model;

/// <summary>The parser's output for one schema file: the spec (null when the schema is unusable) and its diagnostics.</summary>
internal sealed record ParseResult(SchemaSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
