using System.Collections;
using System.Management.Automation;
using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>
/// The stand-in is only useful if test code and the runspace's cmdlets share one StandInVaults, and if the
/// module under test can find it the ways it would find the real module.
/// </summary>
public sealed class ModuleWiringTests : StandInTest
{
    private static readonly string[] RealPublicCmdletsUsed =
        ["Get-Secret", "Get-SecretInfo", "Get-SecretVault", "Remove-Secret", "Set-Secret", "Set-SecretInfo"];

    [Fact]
    public void Cmdlets_in_the_runspace_run_from_the_assembly_the_test_code_references()
    {
        var result = Shell.Run("(Get-Command -Name Get-Secret).ImplementingType.Assembly");

        Assert.Same(typeof(StandInVaults).Assembly, result.SingleOutput());
        // One copy loaded: a second copy would have its own, invisible, static state.
        Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "SecretManagement.StandIn");
    }

    [Fact]
    public void The_module_folders_copy_of_the_dll_resolves_to_the_assembly_already_loaded()
    {
        // The mechanism the wiring relies on: the referenced assembly is on the trusted list, so loading the
        // module folder's copy by path yields the same Assembly instead of a second one with its own statics.
        var copy = Path.Combine(Path.GetDirectoryName(StandInModule.ManifestPath)!, "SecretManagement.StandIn.dll");

        var loaded = System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyPath(copy);

        Assert.Same(typeof(StandInVaults).Assembly, loaded);
    }

    [Fact]
    public void A_secret_seeded_by_test_code_is_read_by_Get_Secret_in_the_runspace()
    {
        StandInVaults.Register("Main");
        StandInVaults.Seed("Main", "seeded", "from-test-code");

        var result = Shell.Run("Get-Secret -Name seeded -AsPlainText");

        Assert.Equal("from-test-code", result.SingleOutput());
    }

    [Fact]
    public void A_secret_written_by_Set_Secret_in_the_runspace_is_seen_by_test_code()
    {
        StandInVaults.Register("Main");

        Shell.Run("Set-Secret -Name written -Secret 'from-runspace'");

        Assert.Equal("from-runspace", StandInVaults.PeekPlainText("Main", "written"));
    }

    [Fact]
    public void The_imported_module_carries_the_real_name_version_and_exactly_its_six_cmdlets()
    {
        var module = (PSModuleInfo)Shell.Run("Get-Module -Name Microsoft.PowerShell.SecretManagement").SingleOutput()!;

        Assert.Equal("Microsoft.PowerShell.SecretManagement", module.Name);
        Assert.Equal(new Version(1, 1, 2), module.Version);
        Assert.Equal(RealPublicCmdletsUsed, module.ExportedCmdlets.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_manifest_passes_Test_ModuleManifest()
    {
        var result = Shell.Run("Test-ModuleManifest -Path $manifest", ("manifest", StandInModule.ManifestPath));

        Assert.Empty(result.Errors);
        Assert.Equal(new Version(1, 1, 2), ((PSModuleInfo)result.SingleOutput()!).Version);
    }

    [Fact]
    public void Import_Module_by_manifest_path_works_in_a_session_that_did_not_preload_it()
    {
        using var bare = new HostedPowerShell(importStandIn: false);

        var result = bare.Run(
            "Import-Module -Name $manifest; (Get-Command -Name Set-Secret).ModuleName",
            ("manifest", StandInModule.ManifestPath));

        Assert.Empty(result.Errors);
        Assert.Equal("Microsoft.PowerShell.SecretManagement", result.SingleOutput());
    }

    [Fact]
    public void With_the_Modules_folder_on_PSModulePath_the_module_is_discovered_and_auto_loaded_by_name()
    {
        StandInVaults.Register("Main");
        StandInVaults.Seed("Main", "found", "by-autoload");
        var saved = Environment.GetEnvironmentVariable("PSModulePath");
        try
        {
            using var bare = new HostedPowerShell(importStandIn: false);
            var result = bare.Run(
                "$env:PSModulePath = $modules + [IO.Path]::PathSeparator + $env:PSModulePath\n" +
                "(Get-Command -Name Get-Secret -Module Microsoft.PowerShell.SecretManagement).Name\n" +
                "Get-Secret -Name found -AsPlainText",
                ("modules", StandInModule.ModulesDirectory));

            Assert.Empty(result.Errors);
            Assert.Equal(["Get-Secret", "by-autoload"], result.Output);
        }
        finally
        {
            // $env: in a runspace is this process's environment: put it back for the other tests.
            Environment.SetEnvironmentVariable("PSModulePath", saved);
        }
    }

    [Fact]
    public void Get_SecretVault_lists_registered_vaults_with_their_default_flag()
    {
        StandInVaults.Register("First");
        StandInVaults.Register("Keys", VaultKind.AzureKeyVaultLike, isDefault: true);

        var vaults = Shell.Run("Get-SecretVault").Output
            .Cast<Microsoft.PowerShell.SecretManagement.SecretVaultInfo>()
            .ToList();

        Assert.Equal(["First", "Keys"], vaults.Select(v => v.Name));
        Assert.Equal([false, true], vaults.Select(v => v.IsDefault));
        Assert.Equal("Az.KeyVault", vaults[1].ModuleName);
        Assert.Empty(vaults[1].VaultParameters);
    }

    [Fact]
    public void Get_SecretVault_takes_wildcard_names_by_position()
    {
        StandInVaults.Register("Prod-Keys");
        StandInVaults.Register("Dev-Keys");
        StandInVaults.Register("Other");

        var names = Shell.Run("(Get-SecretVault '*-Keys', 'Other').Name").Output;

        Assert.Equal(["Prod-Keys", "Dev-Keys", "Other"], names);
    }

    [Fact]
    public void The_first_registered_vault_becomes_the_default_as_in_the_real_module()
    {
        StandInVaults.Register("First");
        StandInVaults.Register("Second");

        Assert.Equal("First", StandInVaults.DefaultVault);
        var isDefault = Shell.Run("(Get-SecretVault -Name First).IsDefault").SingleOutput();
        Assert.Equal(true, isDefault);
    }
}
