// SPDX-License-Identifier: Apache-2.0
namespace Osc.Generator;

/// <summary>Names of the tracked pipeline steps (tests assert their run reasons).</summary>
public static class TrackingNames
{
    public const string SchemaFiles = nameof(SchemaFiles);
    public const string Namespace = nameof(Namespace);
    public const string BindingAvailable = nameof(BindingAvailable);
    public const string Parse = nameof(Parse);
    public const string Spec = nameof(Spec);
    public const string Diagnostics = nameof(Diagnostics);
    public const string TypeNames = nameof(TypeNames);
}
