// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;

namespace Osc.Shared;

/// <summary>
/// What the CoreOS extension's Ignition config holds besides the OSC's own files and units. Ignition refuses a
/// second storage entry for any of these paths and a second unit of these names, so the validator reads them
/// as the renderer writes them; this file is compiled into both assemblies.
/// </summary>
internal static class CoreosIgnitionLayout
{
    public const string UnitDirectory = "/etc/systemd/system";
    public const string SetupScriptPath = "/opt/bin/containerd-setup.sh";
    public const string SetupUnitName = "containerd-setup.service";
    public const string ContainerdUnitName = "containerd.service";
    public const string DockerUnitName = "docker.service";
    public const string ExecDropInName = "11-exec_config.conf";
    public const string ExecDropInPath = UnitDirectory + "/" + ContainerdUnitName + ".d/" + ExecDropInName;
    public const string DockerWantsLinkPath = UnitDirectory + "/multi-user.target.wants/" + DockerUnitName;
    public const string DockerExtensionLinkPath = "/etc/extensions/docker-flatcar.raw";

    /// <summary>The units masked by a link to /dev/null.</summary>
    public static IReadOnlyList<string> MaskedUnits { get; } = ["update-engine.service", "locksmithd.service", "systemd-sysupdate.timer", "systemd-sysupdate-reboot.timer"];

    /// <summary>The links: each masked unit, then docker's (enabled, or Flatcar's docker extension disabled).</summary>
    public static IEnumerable<string> LinkPaths(bool enableDocker) =>
        MaskedUnits.Select(unit => UnitDirectory + "/" + unit).Append(enableDocker ? DockerWantsLinkPath : DockerExtensionLinkPath);

    /// <summary>The units the extension writes itself.</summary>
    public static IEnumerable<string> UnitNames(bool enableDocker) =>
        enableDocker ? [SetupUnitName, ContainerdUnitName, DockerUnitName] : [SetupUnitName, ContainerdUnitName];
}
