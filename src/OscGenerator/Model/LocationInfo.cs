// SPDX-License-Identifier: Apache-2.0
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Osc.Generator.Model;

/// <summary>An equatable place in a schema file; becomes a Roslyn <see cref="Location"/> only when reported.</summary>
internal sealed record LocationInfo(string FilePath, int Offset, int Length, int Line, int Column)
{
    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Offset, Length),
        new LinePositionSpan(new LinePosition(Line, Column), new LinePosition(Line, Column + 1)));
}
