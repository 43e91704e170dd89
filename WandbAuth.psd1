@{
    RootModule           = 'WandbAuth.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0c7c61-2f0e-4a57-9a4e-3c1f6b0d8e21'
    Author               = 'WandbAuth contributors'
    CompanyName          = 'WandbAuth'
    Copyright            = '(c) WandbAuth contributors. MIT License.'
    Description          = 'Manage Weights & Biases API keys end to end: sign in, create, list, revoke and rotate keys safely, with every secret kept in a SecretManagement vault.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('WandbAuth.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Wandb'
        'Get-WandbConnection'
        'Disconnect-Wandb'
        'Invoke-WandbKeyRotation'
        'New-WandbApiKey'
        'Get-WandbApiKey'
        'Remove-WandbApiKey'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('WandB', 'WeightsAndBiases', 'ApiKey', 'Secrets', 'SecretManagement', 'Rotation', 'AzureDevOps', 'MLOps',
                             'Authentication', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/wandbauth/WandbAuth'
            LicenseUri   = 'https://github.com/wandbauth/WandbAuth/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0 - first release.
- Connect-Wandb finds a key as wandb login does (parameter, vault, WANDB_API_KEY, settings file, .netrc, prompt) and never prompts in a pipeline; Get-WandbConnection, Disconnect-Wandb.
- New-WandbApiKey creates keys straight into a SecretManagement vault; Get-WandbApiKey lists keys by key ID with Created and Last used, and audits stale keys organization-wide for admins; Remove-WandbApiKey revokes keys.
- Invoke-WandbKeyRotation rotates keys held in vaults (Azure Key Vault included): verified, crash-safe and resumable, one or hundreds, with Azure DevOps support.
- Full help (Get-Help about_WandbAuth), table and list views, tab completion.
Full history: https://github.com/wandbauth/WandbAuth/blob/main/CHANGELOG.md
'@
            ExternalModuleDependencies = @()
        }
    }
}
