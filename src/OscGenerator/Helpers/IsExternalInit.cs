// SPDX-License-Identifier: Apache-2.0
// netstandard2.0 lacks this marker type; records and init accessors need it.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
