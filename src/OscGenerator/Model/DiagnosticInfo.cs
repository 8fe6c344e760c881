// SPDX-License-Identifier: Apache-2.0
using System.Linq;
using Microsoft.CodeAnalysis;
using Osc.Generator.Helpers;

namespace Osc.Generator.Model;

/// <summary>An equatable diagnostic: descriptor id, place and message arguments.</summary>
internal sealed record DiagnosticInfo(string DescriptorId, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        OscGenerator.DiagnosticDescriptors.ById(DescriptorId),
        Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
        Arguments.Cast<object>().ToArray());
}
