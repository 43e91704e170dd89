# Test-only stand-in for Microsoft.PowerShell.SecretManagement (the real module cannot be installed on the
# build machines). StandInModule.targets copies this manifest and SecretManagement.StandIn.dll to
#   <test output>/Modules/Microsoft.PowerShell.SecretManagement/
# The test project also references SecretManagement.StandIn.dll, so .NET resolves the module's copy to the
# assembly already on the test's load list: test code and the cmdlets share one StandInVaults.
@{
    RootModule        = 'SecretManagement.StandIn.dll'
    ModuleVersion     = '1.1.2'
    GUID              = '6e6a1f8c-0d2b-4c4e-9d0a-5b7c3f1e2a90'
    Author            = 'WandbAuth tests'
    CompanyName       = 'WandbAuth'
    Copyright         = 'Test stand-in; not the Microsoft module.'
    Description       = 'Test stand-in with the public cmdlet surface of Microsoft.PowerShell.SecretManagement 1.1.2, backed by in-memory vaults that tests configure through SecretManagement.StandIn.StandInVaults.'
    PowerShellVersion = '5.1'
    CmdletsToExport   = @(
        'Get-Secret'
        'Set-Secret'
        'Get-SecretInfo'
        'Remove-Secret'
        'Set-SecretInfo'
        'Get-SecretVault'
    )
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport   = @()
    PrivateData       = @{ PSData = @{ Tags = @('StandIn', 'Test') } }
}
