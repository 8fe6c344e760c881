// SPDX-License-Identifier: Apache-2.0
using Osc.Generator.Helpers;

namespace Osc.Generator.Model;

/// <summary>
/// What one schema file generates. It must stay value-equatable all the way down (records,
/// strings, <see cref="EquatableArray{T}"/>; never a Roslyn symbol or syntax node), or the
/// incremental pipeline stops caching.
/// </summary>
internal sealed record SchemaSpec(
    string FilePath,
    string FileName,
    string Namespace,
    string RootTypeName,
    string BinderName,
    string? ApiVersion,
    string? Kind,
    EquatableArray<RecordSpec> Records,
    EquatableArray<EnumSpec> Enums);

/// <summary>A generated record: one per object with properties. No positions here, so a whitespace edit of the schema re-emits nothing.</summary>
internal sealed record RecordSpec(
    string Name,
    string? Description,
    EquatableArray<PropertySpec> Properties,
    EquatableArray<RemovedFieldSpec> RemovedFields,
    bool AllowsUnknownFields);

/// <summary>A field that no longer exists upstream, with the hint the binder gives when it sees it.</summary>
internal sealed record RemovedFieldSpec(string JsonName, string Hint);

internal sealed record PropertySpec(
    string JsonName,
    string CsName,
    TypeRefSpec Type,
    bool Required,
    string? Description,
    string? DefaultText,
    string? ConstValue);

internal enum TypeKind
{
    String,
    Boolean,
    Int32,
    Int64,
    UInt32,
    Number,
    Any,
    Record,
    Enum,
    List,
    Map,
}

/// <summary>
/// A property's type: a scalar kind, a named record or enum, or a list/map of an element type.
/// <see cref="ObjectOnly"/>: a free-form value (<see cref="TypeKind.Any"/>) that must be an object
/// (<c>"type": "object"</c> with preserved unknown fields, as the CRD's providerConfig).
/// </summary>
internal sealed record TypeRefSpec(TypeKind Kind, string? Name = null, TypeRefSpec? Element = null, long? Minimum = null, long? Maximum = null,
    bool ObjectOnly = false);

/// <summary>
/// An enum. <see cref="UnknownValueMeans"/> (from <c>x-osc-unknown-value</c>): the enum is open upstream
/// (no CRD enum, no validation), so another value is bound as unset with a warning that says what it
/// means on the node. <see cref="EmptyIsUnset"/> (from <c>x-osc-empty-is-unset</c>): the Go field has no
/// omitempty, so <c>""</c> is its zero value and reads as unset.
/// </summary>
internal sealed record EnumSpec(string Name, string? Description, EquatableArray<EnumMemberSpec> Members, string? UnknownValueMeans = null,
    bool EmptyIsUnset = false);

internal sealed record EnumMemberSpec(string WireName, string CsName);
