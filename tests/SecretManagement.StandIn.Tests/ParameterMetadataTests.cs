using System.Management.Automation;
using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>
/// The parameter surface, row by row, as the real module 1.1.2 declares it (its published help): set name,
/// position, mandatory, pipeline input. Code written against the stand-in then binds the same way for real.
/// </summary>
public sealed class ParameterMetadataTests : StandInTest
{
    private const int Named = int.MinValue;

    [Theory]
    // Get-Secret
    [InlineData("Get-Secret", "Name", "NameParameterSet", 0, true, true)]
    [InlineData("Get-Secret", "Vault", "NameParameterSet", 1, false, false)]
    [InlineData("Get-Secret", "InputObject", "InfoParameterSet", 0, true, true)]
    [InlineData("Get-Secret", "AsPlainText", "__AllParameterSets", Named, false, false)]
    // Set-Secret
    [InlineData("Set-Secret", "Name", "SecureStringParameterSet", 0, true, false)]
    [InlineData("Set-Secret", "Name", "ObjectParameterSet", 0, true, false)]
    [InlineData("Set-Secret", "SecureStringSecret", "SecureStringParameterSet", Named, true, true)]
    [InlineData("Set-Secret", "Secret", "ObjectParameterSet", Named, true, true)]
    [InlineData("Set-Secret", "SecretInfo", "SecretInfoParameterSet", Named, true, true)]
    [InlineData("Set-Secret", "Vault", "SecureStringParameterSet", 1, false, false)]
    [InlineData("Set-Secret", "Vault", "ObjectParameterSet", 1, false, false)]
    [InlineData("Set-Secret", "Vault", "SecretInfoParameterSet", 1, true, false)]
    [InlineData("Set-Secret", "Metadata", "SecureStringParameterSet", 2, false, false)]
    [InlineData("Set-Secret", "Metadata", "ObjectParameterSet", 2, false, false)]
    [InlineData("Set-Secret", "NoClobber", "__AllParameterSets", Named, false, false)]
    // Get-SecretInfo
    [InlineData("Get-SecretInfo", "Name", "__AllParameterSets", 0, false, false)]
    [InlineData("Get-SecretInfo", "Vault", "__AllParameterSets", 1, false, false)]
    // Remove-Secret
    [InlineData("Remove-Secret", "Name", "NameParameterSet", 0, true, true)]
    [InlineData("Remove-Secret", "Vault", "NameParameterSet", 1, true, false)]
    [InlineData("Remove-Secret", "InputObject", "InfoParameterSet", 0, true, true)]
    // Set-SecretInfo
    [InlineData("Set-SecretInfo", "Name", "NameParameterSet", 0, true, false)]
    [InlineData("Set-SecretInfo", "Metadata", "__AllParameterSets", 1, true, true)]
    [InlineData("Set-SecretInfo", "Vault", "NameParameterSet", 2, false, false)]
    [InlineData("Set-SecretInfo", "InputObject", "InfoParameterSet", Named, true, true)]
    // Get-SecretVault
    [InlineData("Get-SecretVault", "Name", "__AllParameterSets", 0, false, false)]
    public void Each_parameter_is_declared_as_in_the_real_module(
        string cmdlet, string parameter, string parameterSet, int position, bool mandatory, bool fromPipeline)
    {
        var set = Parameter(cmdlet, parameter).ParameterSets[parameterSet];

        Assert.Equal(position, set.Position);
        Assert.Equal(mandatory, set.IsMandatory);
        Assert.Equal(fromPipeline, set.ValueFromPipeline);
    }

    [Theory]
    [InlineData("Get-Secret", "NameParameterSet", "AsPlainText,InputObject,Name,Vault")]
    [InlineData("Set-Secret", "SecureStringParameterSet", "Metadata,Name,NoClobber,Secret,SecretInfo,SecureStringSecret,Vault")]
    [InlineData("Get-SecretInfo", "__AllParameterSets", "Name,Vault")]
    [InlineData("Remove-Secret", "NameParameterSet", "InputObject,Name,Vault")]
    [InlineData("Set-SecretInfo", "NameParameterSet", "InputObject,Metadata,Name,Vault")]
    [InlineData("Get-SecretVault", "__AllParameterSets", "Name")]
    public void Each_cmdlet_has_the_real_default_set_and_no_extra_parameters(
        string cmdlet, string defaultSet, string ownParameters)
    {
        var info = CmdletNamed(cmdlet);

        Assert.Equal(defaultSet, info.DefaultParameterSet ?? "__AllParameterSets");
        var own = info.Parameters.Keys
            .Where(p => !System.Management.Automation.Cmdlet.CommonParameters.Contains(p)
                        && !System.Management.Automation.Cmdlet.OptionalCommonParameters.Contains(p))
            .Order(StringComparer.Ordinal);
        Assert.Equal(ownParameters.Split(','), own);
    }

    [Theory]
    [InlineData("Set-Secret", true)]
    [InlineData("Remove-Secret", true)]
    [InlineData("Set-SecretInfo", true)]
    [InlineData("Get-Secret", false)]
    [InlineData("Get-SecretInfo", false)]
    [InlineData("Get-SecretVault", false)]
    public void Only_the_cmdlets_that_change_a_vault_support_WhatIf_and_Confirm(string cmdlet, bool supported)
    {
        var parameters = CmdletNamed(cmdlet).Parameters;

        Assert.Equal(supported, parameters.ContainsKey("WhatIf"));
        Assert.Equal(supported, parameters.ContainsKey("Confirm"));
    }

    [Theory]
    [InlineData("Get-Secret", "Name", typeof(string))]
    [InlineData("Get-Secret", "InputObject", typeof(Microsoft.PowerShell.SecretManagement.SecretInformation))]
    [InlineData("Set-Secret", "SecureStringSecret", typeof(System.Security.SecureString))]
    [InlineData("Set-Secret", "Secret", typeof(object))]
    [InlineData("Set-Secret", "Metadata", typeof(System.Collections.Hashtable))]
    [InlineData("Set-SecretInfo", "Metadata", typeof(System.Collections.Hashtable))]
    [InlineData("Get-SecretVault", "Name", typeof(string[]))]
    public void Parameters_have_the_real_types(string cmdlet, string parameter, Type type)
    {
        Assert.Equal(type, Parameter(cmdlet, parameter).ParameterType);
    }

    private CmdletInfo CmdletNamed(string name) =>
        (CmdletInfo)Shell.Run("Get-Command -Name $name -Module Microsoft.PowerShell.SecretManagement", ("name", name))
            .SingleOutput()!;

    private ParameterMetadata Parameter(string cmdlet, string parameter) => CmdletNamed(cmdlet).Parameters[parameter];
}
