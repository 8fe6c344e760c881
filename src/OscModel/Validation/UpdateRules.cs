// SPDX-License-Identifier: Apache-2.0
using System.Linq;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;

namespace Osc.Model.Validation;

/// <summary>
/// What Gardener refuses when an OperatingSystemConfig replaces the stored one
/// (pkg/api/extensions/validation/operatingsystemconfig.go ValidateOperatingSystemConfigUpdate, run by
/// gardener-resource-manager's extension validation webhook on updates in the seed): apimachinery's
/// ValidateObjectMetaUpdate, the spec update rules, and the CRD's transition rule on spec.class (its rule on
/// spec.criConfig.name cannot fire: the CRD allows one name). The create-time rules on the updated object are
/// <see cref="OscValidator"/>'s.
/// Findings are located in the updated object. resourceVersion, which the API server requires of every
/// update, is not checked: a manifest on disk has none.
/// </summary>
internal static class UpdateRules
{
    public static void Check(LoadedDocument<OperatingSystemConfig> updated, LoadedDocument<OperatingSystemConfig> stored, Report report)
    {
        var ctx = new RuleContext(report, updated.Positions, ValidationOptions.Default);
        CheckMetadata(updated.Value.Metadata ?? new ObjectMeta(), stored.Value.Metadata ?? new ObjectMeta(), ctx);
        CheckSpec(updated.Value, stored.Value, ctx);
        CheckTransitionRules(updated.Value.Spec, stored.Value.Spec, ctx);
    }

    /// <summary>apimachinery ValidateObjectMetaAccessorUpdate.</summary>
    private static void CheckMetadata(ObjectMeta updated, ObjectMeta stored, RuleContext ctx)
    {
        if (stored.DeletionTimestamp is not null)
        {
            var added = (updated.Finalizers ?? []).Where(f => !(stored.Finalizers ?? []).Contains(f)).Distinct().ToList();
            if (added.Count > 0)
            {
                ctx.Add(DiagnosticCatalog.FinalizerAddedWhileDeleting, "$.metadata.finalizers",
                    $"no new finalizers can be added while the object is being deleted (the stored object has a deletionTimestamp); new: {string.Join(", ", added.Select(Quoted))}",
                    "keep the finalizers of the stored object");
            }
        }
        if ((updated.Generation ?? 0) < (stored.Generation ?? 0))
        {
            ctx.Add(DiagnosticCatalog.GenerationDecreased, "$.metadata.generation",
                $"metadata.generation must not be decremented: {updated.Generation ?? 0} < {stored.Generation ?? 0} in the stored object",
                "leave metadata.generation to the API server, or keep the stored value");
        }
        Immutable(updated.Name == stored.Name, "$.metadata.name", updated.Name, stored.Name, ctx);
        Immutable(updated.Namespace == stored.Namespace, "$.metadata.namespace", updated.Namespace, stored.Namespace, ctx);
        Immutable(updated.Uid == stored.Uid, "$.metadata.uid", updated.Uid, stored.Uid, ctx);
        Immutable(SemanticEquality.SameInstant(updated.CreationTimestamp, stored.CreationTimestamp), "$.metadata.creationTimestamp",
            updated.CreationTimestamp, stored.CreationTimestamp, ctx);
        Immutable(SemanticEquality.SameInstant(updated.DeletionTimestamp, stored.DeletionTimestamp), "$.metadata.deletionTimestamp",
            updated.DeletionTimestamp, stored.DeletionTimestamp, ctx);
        Immutable(updated.DeletionGracePeriodSeconds == stored.DeletionGracePeriodSeconds, "$.metadata.deletionGracePeriodSeconds",
            updated.DeletionGracePeriodSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            stored.DeletionGracePeriodSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture), ctx);
    }

    /// <summary>ValidateOperatingSystemConfigSpecUpdate: nothing may change once deleting; type and purpose never.</summary>
    private static void CheckSpec(OperatingSystemConfig updated, OperatingSystemConfig stored, RuleContext ctx)
    {
        if (updated.Metadata?.DeletionTimestamp is not null)
        {
            var changed = SemanticEquality.SpecDifferences(updated.Spec, stored.Spec);
            if (changed.Count > 0)
            {
                // Upstream returns this one error and checks nothing else of the spec.
                ctx.Add(DiagnosticCatalog.SpecChangedWhileDeleting, "$.spec",
                    "cannot update operatingsystemconfig spec if deletion timestamp is set; requested changes: "
                    + string.Join(", ", changed.Select(f => "spec." + f)),
                    "leave the spec as stored until the object is gone");
                return;
            }
        }
        Immutable(updated.Spec.Type == stored.Spec.Type, "$.spec.type", updated.Spec.Type, stored.Spec.Type, ctx);
        Immutable(updated.Spec.Purpose == stored.Spec.Purpose, "$.spec.purpose", updated.Spec.Purpose.ToWire(), stored.Spec.Purpose.ToWire(), ctx);
    }

    /// <summary>The CRD's x-kubernetes-validations "self == oldSelf": checked when both objects have the field.</summary>
    private static void CheckTransitionRules(OperatingSystemConfigSpec updated, OperatingSystemConfigSpec stored, RuleContext ctx)
    {
        if (updated.Class is { } updatedClass && stored.Class is { } storedClass)
        {
            Immutable(updatedClass == storedClass, "$.spec.class", updatedClass.ToWire(), storedClass.ToWire(), ctx, "Value is immutable (the CRD's rule)");
        }
    }

    private static void Immutable(bool unchanged, string path, string? updated, string? stored, RuleContext ctx, string what = "field is immutable")
    {
        if (unchanged)
        {
            return;
        }
        ctx.Add(DiagnosticCatalog.ImmutableField, path,
            $"{path[2..]}: {what}: {Shown(updated)} here, {Shown(stored)} in the stored object",
            "keep the stored value; a different value needs a new object (delete and create)");
    }

    private static string Shown(string? value) => value is null ? "absent" : Quoted(value);

    private static string Quoted(string value) => "\"" + value + "\"";

}
