// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;

namespace Osc.Model.Diagnostics;

/// <summary>
/// Every run-time diagnostic code. IDs are never reused; each has a test that triggers it and a row
/// in docs/diagnostics.md (a test checks both). OSC0xxx codes belong to the generator.
/// Severity follows Gardener (DESIGN.md "Diagnostics"): an error where Gardener refuses the object
/// (the CRD, kubectl's strict field validation, gardener's OSC validation, the OS extension's decoding
/// and validation) or where Osc cannot produce correct output; otherwise a warning that says what the
/// node will do. docs/diagnostics.md names, per code, whether Gardener refuses it and where upstream.
/// </summary>
public static class DiagnosticCatalog
{
    // OSC10xx: reading the input.
    public static readonly DiagnosticDescriptor YamlSyntax = new("OSC1001", Severity.Error, "YAML or JSON syntax error");
    public static readonly DiagnosticDescriptor EmptyInput = new("OSC1002", Severity.Error, "input holds no document");
    public static readonly DiagnosticDescriptor NotText = new("OSC1003", Severity.Error, "input is not UTF-8 text");
    public static readonly DiagnosticDescriptor InputTooLarge = new("OSC1004", Severity.Error, "input exceeds the size limit");
    public static readonly DiagnosticDescriptor AliasExpansionLimit = new("OSC1005", Severity.Error, "YAML aliases expand beyond the limit");
    public static readonly DiagnosticDescriptor NestingTooDeep = new("OSC1006", Severity.Error, "input nests deeper than the limit");
    public static readonly DiagnosticDescriptor DuplicateKey = new("OSC1007", Severity.Error, "duplicate mapping key");
    public static readonly DiagnosticDescriptor NotAnObject = new("OSC1008", Severity.Error, "document is not a Kubernetes object");
    public static readonly DiagnosticDescriptor UnknownDocumentKind = new("OSC1009", Severity.Error, "document kind is not one Osc reads");
    public static readonly DiagnosticDescriptor CannotRead = new("OSC1010", Severity.Error, "input file cannot be read");
    public static readonly DiagnosticDescriptor TabIndentation = new("OSC1011", Severity.Error, "tab character in indentation");
    public static readonly DiagnosticDescriptor ComplexKey = new("OSC1012", Severity.Error, "mapping key is not a scalar");
    public static readonly DiagnosticDescriptor NotNodeAgentOsc = new("OSC1013", Severity.Error, "osc.yaml of a gardener-node-agent Secret holds no single OperatingSystemConfig");

    // OSC11xx: schema conformance (types, enums, fields).
    public static readonly DiagnosticDescriptor WrongType = new("OSC1101", Severity.Error, "value has the wrong type");
    public static readonly DiagnosticDescriptor UnsupportedValue = new("OSC1102", Severity.Error, "value is not one of the allowed values");
    public static readonly DiagnosticDescriptor UnknownField = new("OSC1103", Severity.Error, "unknown field");
    public static readonly DiagnosticDescriptor MissingRequired = new("OSC1104", Severity.Error, "required field is missing or empty");
    public static readonly DiagnosticDescriptor IntegerOutOfRange = new("OSC1105", Severity.Error, "integer out of range");
    public static readonly DiagnosticDescriptor RemovedField = new("OSC1106", Severity.Error, "field was removed from the API");
    public static readonly DiagnosticDescriptor UnknownFieldIgnored = new("OSC1107", Severity.Warning, "unknown field that the OS extension's lenient decoder ignores");
    public static readonly DiagnosticDescriptor UnknownEnumValue = new("OSC1108", Severity.Warning, "value Gardener accepts but gives no meaning of its own");

    // OSC12xx: semantic rules (gardener's validation, and what a compiler adds).
    public static readonly DiagnosticDescriptor InvalidObjectName = new("OSC1201", Severity.Error, "metadata.name is missing or not a DNS subdomain");
    public static readonly DiagnosticDescriptor MissingNamespace = new("OSC1202", Severity.Warning, "metadata.namespace is missing");
    public static readonly DiagnosticDescriptor EmptyType = new("OSC1203", Severity.Warning, "spec.type is empty");
    public static readonly DiagnosticDescriptor InvalidNamespace = new("OSC1204", Severity.Error, "metadata.namespace is not a DNS label");
    public static readonly DiagnosticDescriptor ContainerdForbiddenForProvision = new("OSC1210", Severity.Error, "criConfig.containerd is not allowed for purpose provision");
    public static readonly DiagnosticDescriptor SandboxImageRequired = new("OSC1211", Severity.Error, "containerd.sandboxImage is empty");
    public static readonly DiagnosticDescriptor DuplicateRegistry = new("OSC1212", Severity.Error, "registry upstream appears twice");
    public static readonly DiagnosticDescriptor InvalidRegistryUpstream = new("OSC1213", Severity.Error, "registry upstream is not host[:port] or _default");
    public static readonly DiagnosticDescriptor InvalidRegistryServer = new("OSC1214", Severity.Error, "registry server is not an http(s) URL with a host");
    public static readonly DiagnosticDescriptor InvalidRegistryHostUrl = new("OSC1215", Severity.Error, "registry host url is not a URL with a host");
    public static readonly DiagnosticDescriptor PluginPathRequired = new("OSC1216", Severity.Error, "plugin path is empty");
    public static readonly DiagnosticDescriptor PluginValuesWithRemove = new("OSC1217", Severity.Error, "plugin values given with op remove");
    public static readonly DiagnosticDescriptor PluginValuesNotObject = new("OSC1218", Severity.Error, "plugin values are not a JSON object");
    public static readonly DiagnosticDescriptor DuplicateRegistryHost = new("OSC1219", Severity.Error, "registry host url appears twice in one registry");
    public static readonly DiagnosticDescriptor UnitNameRequired = new("OSC1220", Severity.Error, "unit name is empty");
    public static readonly DiagnosticDescriptor DuplicateUnitName = new("OSC1221", Severity.Warning, "unit name appears twice in one list");
    public static readonly DiagnosticDescriptor DropInFieldRequired = new("OSC1222", Severity.Error, "drop-in name or content is empty");
    public static readonly DiagnosticDescriptor DuplicateDropInName = new("OSC1223", Severity.Warning, "drop-in name appears twice in one unit");
    public static readonly DiagnosticDescriptor FilePathNotDeclared = new("OSC1224", Severity.Error, "unit filePaths entry names no declared file");
    public static readonly DiagnosticDescriptor InvalidUnitName = new("OSC1225", Severity.Warning, "unit name is not a valid systemd unit name");
    public static readonly DiagnosticDescriptor DropInNotConf = new("OSC1226", Severity.Warning, "drop-in name does not end in .conf");
    public static readonly DiagnosticDescriptor InvalidDropInName = new("OSC1227", Severity.Error, "drop-in name is not a plain file name");
    public static readonly DiagnosticDescriptor UnitNameNotFileName = new("OSC1228", Severity.Error, "unit name is not a plain file name");
    public static readonly DiagnosticDescriptor PluginNestingTooDeep = new("OSC1229", Severity.Error, "plugin path and values nest deeper than 128 levels");
    public static readonly DiagnosticDescriptor FilePathRequired = new("OSC1230", Severity.Error, "file path is empty");
    public static readonly DiagnosticDescriptor FileContentMissing = new("OSC1231", Severity.Error, "file content has no source");
    public static readonly DiagnosticDescriptor FileContentAmbiguous = new("OSC1232", Severity.Error, "file content has more than one source");
    public static readonly DiagnosticDescriptor SecretRefFieldRequired = new("OSC1233", Severity.Error, "secretRef name or dataKey is empty");
    public static readonly DiagnosticDescriptor InlineDataRequired = new("OSC1234", Severity.Error, "inline data is empty");
    public static readonly DiagnosticDescriptor ImageRefFieldRequired = new("OSC1235", Severity.Error, "imageRef image or filePathInImage is empty");
    public static readonly DiagnosticDescriptor InvalidHostName = new("OSC1236", Severity.Error, "file hostName is not a DNS subdomain");
    public static readonly DiagnosticDescriptor DuplicateFilePath = new("OSC1237", Severity.Error, "file path appears twice");
    public static readonly DiagnosticDescriptor RelativeFilePath = new("OSC1238", Severity.Warning, "file path is relative");
    public static readonly DiagnosticDescriptor FilePathTraversal = new("OSC1239", Severity.Error, "file path contains '..'");
    public static readonly DiagnosticDescriptor FilePathNotNormalized = new("OSC1240", Severity.Warning, "file path is not normalised");
    public static readonly DiagnosticDescriptor InvalidBase64 = new("OSC1241", Severity.Warning, "b64 data is not valid base64");
    public static readonly DiagnosticDescriptor PermissionsOutOfRange = new("OSC1242", Severity.Warning, "permissions are above 07777");
    public static readonly DiagnosticDescriptor SecretNotFound = new("OSC1243", Severity.Error, "secretRef names no Secret in the input");
    public static readonly DiagnosticDescriptor SecretKeyNotFound = new("OSC1244", Severity.Error, "secretRef dataKey is not in the Secret");
    public static readonly DiagnosticDescriptor DuplicateObject = new("OSC1245", Severity.Error, "two objects of one kind share namespace and name");
    public static readonly DiagnosticDescriptor InvalidSecretData = new("OSC1246", Severity.Error, "Secret data value is not valid base64");
    public static readonly DiagnosticDescriptor DuplicateFilePathForHost = new("OSC1247", Severity.Warning, "file path appears twice for one host (gardener's duplicate check misses it)");
    public static readonly DiagnosticDescriptor FilePathNotLinux = new("OSC1248", Severity.Error, "file path holds a NUL or exceeds Linux's name or path length");
    public static readonly DiagnosticDescriptor FilePathIsDirectory = new("OSC1249", Severity.Error, "file path is a directory on the node, or lies below a file");

    public static readonly DiagnosticDescriptor InvalidNtpServer = new("OSC1250", Severity.Error, "NTP server is not a host name or IP address");
    public static readonly DiagnosticDescriptor InvalidDnsServer = new("OSC1251", Severity.Error, "DNS server is not an IP address");
    public static readonly DiagnosticDescriptor InvalidSearchDomain = new("OSC1252", Severity.Error, "search or routing domain is not a domain name");
    public static readonly DiagnosticDescriptor UnusedDaemonSettings = new("OSC1253", Severity.Warning, "settings of a time daemon that is not chosen");
    public static readonly DiagnosticDescriptor PollIntervalsReversed = new("OSC1254", Severity.Error, "poll interval minimum above maximum");
    public static readonly DiagnosticDescriptor DuplicateNodeConfig = new("OSC1255", Severity.Error, "more than one NodeConfig in the input");

    // Added later, numbered in order: the OS extensions' own validation, node-agent Secrets, and where a file path meets what others write.
    public static readonly DiagnosticDescriptor NtpdSettingsWithOtherDaemon = new("OSC1256", Severity.Error, "ExtensionConfig has ntpd settings but another NTP daemon");
    public static readonly DiagnosticDescriptor NtpdServersRequired = new("OSC1257", Severity.Error, "ExtensionConfig ntpd settings without servers");
    public static readonly DiagnosticDescriptor InvalidAptUri = new("OSC1258", Severity.Error, "ExtensionConfig apt archive URI is not a URL with scheme and host");
    public static readonly DiagnosticDescriptor FilePathNamesNoFile = new("OSC1259", Severity.Error, "file path names a directory (/, or a trailing / or /.)");
    public static readonly DiagnosticDescriptor IgnitionRefuses = new("OSC1260", Severity.Error, "the CoreOS extension's Ignition validation refuses the provision OSC");
    public static readonly DiagnosticDescriptor ImageRefInProvision = new("OSC1261", Severity.Error, "imageRef content in a provision OSC, which the OS extensions cannot render");
    public static readonly DiagnosticDescriptor NodeAgentChecksum = new("OSC1262", Severity.Warning, "gardener-node-agent Secret's checksum/data-script is missing or not the SHA-256 of osc.yaml");
    public static readonly DiagnosticDescriptor FilePathWrittenByNode = new("OSC1263", Severity.Error, "file path is written by gardener-node-agent, the OS extension or Ignition too");
    public static readonly DiagnosticDescriptor FilePathWrittenByScript = new("OSC1264", Severity.Warning, "file path is written by the provision script too");

    // Update validation: the object given as last applied is the stored one, FILE's the update.
    public static readonly DiagnosticDescriptor ImmutableField = new("OSC1265", Severity.Error, "field may not change in an update");
    public static readonly DiagnosticDescriptor SpecChangedWhileDeleting = new("OSC1266", Severity.Error, "spec changed while the object is being deleted");
    public static readonly DiagnosticDescriptor GenerationDecreased = new("OSC1267", Severity.Error, "metadata.generation decreased");
    public static readonly DiagnosticDescriptor FinalizerAddedWhileDeleting = new("OSC1268", Severity.Error, "finalizer added while the object is being deleted");

    // OSC20xx: rendering, and where Osc's output deviates from upstream on purpose.
    public static readonly DiagnosticDescriptor ContainerdBaseInvalid = new("OSC2001", Severity.Error, "containerd base config is not valid TOML");
    public static readonly DiagnosticDescriptor ContainerdPathConflict = new("OSC2002", Severity.Error, "containerd config path runs through a non-table value");
    public static readonly DiagnosticDescriptor ContainerdVersionUnsupported = new("OSC2003", Severity.Error, "containerd config version is not 1 to 4");
    public static readonly DiagnosticDescriptor IntegerValuesDeviation = new("OSC2004", Severity.Warning, "plugin integer written as a TOML integer (upstream writes a float)");
    public static readonly DiagnosticDescriptor TomlEscapeDeviation = new("OSC2005", Severity.Warning, "TOML string escaped correctly where upstream writes invalid TOML");
    public static readonly DiagnosticDescriptor ImageRefNotRenderable = new("OSC2006", Severity.Warning, "imageRef file content cannot be rendered offline");
    public static readonly DiagnosticDescriptor ContentNotDecodable = new("OSC2013", Severity.Error, "b64 file content cannot be decoded, so the node would not get the file");
    public static readonly DiagnosticDescriptor PluginPathIgnored = new("OSC2014", Severity.Warning, "plugin path under io.containerd.grpc.v1.cri, which containerd 2.x ignores in a version 3 or 4 config");
    public static readonly DiagnosticDescriptor ProvisionNotRendered = new("OSC2007", Severity.Warning, "provision user-data is not rendered yet");
    public static readonly DiagnosticDescriptor KubernetesVersionRequired = new("OSC2009", Severity.Error, "the OS extension needs the shoot's Kubernetes version");
    public static readonly DiagnosticDescriptor ProviderConfigNtpDeviation = new("OSC2010", Severity.Warning, "providerConfig without ntp keeps the extension-wide NTP setting (upstream resets it)");
    public static readonly DiagnosticDescriptor UserDataTooLarge = new("OSC2011", Severity.Warning, "user-data is larger than 16 KiB");
    public static readonly DiagnosticDescriptor CompressionNotSupported = new("OSC2012", Severity.Error, "the OS's user-data consumer does not take gzip");
    public static readonly DiagnosticDescriptor ScriptDeviation = new("OSC2008", Severity.Warning, "provision user-data written differently from upstream, which would corrupt or run this content");
    public static readonly DiagnosticDescriptor ObjectNameGenerated = new("OSC2015", Severity.Error, "object has only generateName, so its output folder has no name");

    // Planning (osc plan): what gardener-node-agent computes when an OSC replaces the last applied one.
    public static readonly DiagnosticDescriptor CurrentOsVersionRequired = new("OSC2016", Severity.Error, "the plan needs the node's current OS version (--current-os-version)");
    public static readonly DiagnosticDescriptor OsVersionNotComparable = new("OSC2017", Severity.Error, "OS version is not a version gardener-node-agent can compare");
    public static readonly DiagnosticDescriptor KubeletVersionInvalid = new("OSC2018", Severity.Error, "inPlaceUpdates.kubelet is not a version");
    public static readonly DiagnosticDescriptor KubeletConfigUnreadable = new("OSC2019", Severity.Error, "kubelet config file is missing from spec.files or cannot be decoded");
    public static readonly DiagnosticDescriptor KubeReservedQuantityInvalid = new("OSC2020", Severity.Error, "kubelet config kubeReserved value is not a quantity");
    public static readonly DiagnosticDescriptor NothingToPlan = new("OSC2021", Severity.Error, "no OperatingSystemConfig to plan, or none to compare it with");
    public static readonly DiagnosticDescriptor ProvisionNotPlanned = new("OSC2022", Severity.Warning, "provision OperatingSystemConfig is not planned: gardener-node-agent does not apply it");

    // OSC30xx: the machine: the output folder cannot be written (not the input's fault, not Osc's bug).
    public static readonly DiagnosticDescriptor OutputPermissionDenied = new("OSC3001", Severity.Error, "output cannot be written: permission denied");
    public static readonly DiagnosticDescriptor OutputReadOnly = new("OSC3002", Severity.Error, "output file system is read-only");
    public static readonly DiagnosticDescriptor OutputNoSpace = new("OSC3003", Severity.Error, "output file system is full");
    public static readonly DiagnosticDescriptor OutputNotDirectory = new("OSC3004", Severity.Error, "output path is not a directory");
    public static readonly DiagnosticDescriptor OutputSymlink = new("OSC3005", Severity.Error, "symbolic link below the output directory");
    public static readonly DiagnosticDescriptor OutputLocked = new("OSC3006", Severity.Error, "another osc run is writing the output directory");
    public static readonly DiagnosticDescriptor OutputIoError = new("OSC3007", Severity.Error, "output cannot be written (I/O error)");
    public static readonly DiagnosticDescriptor NodeRootUnreadable = new("OSC3008", Severity.Error, "the node root to check cannot be read");

    // OSC9xxx: our own bugs.
    public static readonly DiagnosticDescriptor InternalError = new("OSC9001", Severity.Error, "internal error in Osc");
    public static readonly DiagnosticDescriptor RenderedArtifactInvalid = new("OSC9002", Severity.Error, "a rendered file failed Osc's own parse-back");

    /// <summary>Every run-time descriptor, in code order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        YamlSyntax, EmptyInput, NotText, InputTooLarge, AliasExpansionLimit, NestingTooDeep, DuplicateKey,
        NotAnObject, UnknownDocumentKind, CannotRead, TabIndentation, ComplexKey, NotNodeAgentOsc,
        WrongType, UnsupportedValue, UnknownField, MissingRequired, IntegerOutOfRange, RemovedField, UnknownFieldIgnored, UnknownEnumValue,
        InvalidObjectName, MissingNamespace, EmptyType, InvalidNamespace,
        ContainerdForbiddenForProvision, SandboxImageRequired, DuplicateRegistry, InvalidRegistryUpstream,
        InvalidRegistryServer, InvalidRegistryHostUrl, PluginPathRequired, PluginValuesWithRemove, PluginValuesNotObject,
        DuplicateRegistryHost, UnitNameRequired, DuplicateUnitName, DropInFieldRequired, DuplicateDropInName, FilePathNotDeclared, InvalidUnitName,
        DropInNotConf, InvalidDropInName, UnitNameNotFileName, PluginNestingTooDeep,
        FilePathRequired, FileContentMissing, FileContentAmbiguous, SecretRefFieldRequired, InlineDataRequired,
        ImageRefFieldRequired, InvalidHostName, DuplicateFilePath, RelativeFilePath, FilePathTraversal,
        FilePathNotNormalized, InvalidBase64, PermissionsOutOfRange, SecretNotFound, SecretKeyNotFound,
        DuplicateObject, InvalidSecretData, DuplicateFilePathForHost, FilePathNotLinux, FilePathIsDirectory,
        InvalidNtpServer, InvalidDnsServer, InvalidSearchDomain, UnusedDaemonSettings, PollIntervalsReversed, DuplicateNodeConfig,
        NtpdSettingsWithOtherDaemon, NtpdServersRequired, InvalidAptUri, FilePathNamesNoFile, IgnitionRefuses, ImageRefInProvision, NodeAgentChecksum,
        FilePathWrittenByNode, FilePathWrittenByScript,
        ImmutableField, SpecChangedWhileDeleting, GenerationDecreased, FinalizerAddedWhileDeleting,
        ContainerdBaseInvalid, ContainerdPathConflict, ContainerdVersionUnsupported, IntegerValuesDeviation, TomlEscapeDeviation,
        ImageRefNotRenderable, ProvisionNotRendered, ScriptDeviation, KubernetesVersionRequired, ProviderConfigNtpDeviation, UserDataTooLarge, CompressionNotSupported,
        ContentNotDecodable, PluginPathIgnored, ObjectNameGenerated,
        CurrentOsVersionRequired, OsVersionNotComparable, KubeletVersionInvalid, KubeletConfigUnreadable, KubeReservedQuantityInvalid, NothingToPlan, ProvisionNotPlanned,
        OutputPermissionDenied, OutputReadOnly, OutputNoSpace, OutputNotDirectory, OutputSymlink, OutputLocked, OutputIoError, NodeRootUnreadable,
        InternalError, RenderedArtifactInvalid,
    ];
}
